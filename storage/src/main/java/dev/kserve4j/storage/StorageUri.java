package dev.kserve4j.storage;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A model location as written in a KServe {@code storageUri}: {@code scheme://rest}, or a plain
 * local path (scheme {@code file}).
 *
 * @param uri the URI as given
 * @param scheme the lower-case scheme, {@code file} for plain paths
 * @param rest everything after {@code scheme://} (the whole path for plain paths)
 */
public record StorageUri(String uri, String scheme, String rest) {

  public StorageUri {
    requireNonNull(uri, "uri");
    requireNonNull(scheme, "scheme");
    requireNonNull(rest, "rest");
  }

  /** Splits a storage URI into scheme and rest; a string without {@code ://} is a local path. */
  public static StorageUri parse(String uri) {
    requireNonNull(uri, "uri");
    if (uri.isBlank()) {
      throw StorageException.invalid(
          "storage uri: '' is empty (expected scheme://location or a path)");
    }
    int separator = uri.indexOf("://");
    if (separator < 0) {
      return new StorageUri(uri, "file", uri);
    }
    String scheme = uri.substring(0, separator).toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      throw StorageException.invalid("storage uri '" + uri + "': the scheme before '://' is empty");
    }
    return new StorageUri(uri, scheme, uri.substring(separator + 3));
  }

  /** The part of {@link #rest()} before the first {@code /}: a bucket, owner or claim name. */
  public String authority() {
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /**
   * The part of {@link #rest()} after the first {@code /}, without leading slashes; may be empty.
   */
  public String path() {
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return "";
    }
    int start = slash;
    while (start < rest.length() && rest.charAt(start) == '/') {
      start++;
    }
    return rest.substring(start);
  }

  @Override
  public String toString() {
    return uri;
  }
}
