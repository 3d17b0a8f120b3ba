package dev.kserve4j.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed reads of environment variables for {@link StorageConfig#fromEnvironment}. */
final class EnvReader {
  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** The trimmed value; blank counts as unset. */
  Optional<String> text(String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  Optional<Path> path(String name) {
    return text(name).map(Path::of);
  }

  /** {@code true} only for the value {@code true} in any case, as KServe compares it. */
  boolean flag(String name) {
    return text(name).map(v -> v.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
  }

  long positiveLong(String name, long defaultValue) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw StorageException.invalid(name + ": '" + value.get() + "' (expected: a whole number > 0)");
  }

  /** An absolute http(s) URI; a bare {@code host[:port]} gets {@code defaultScheme}. */
  Optional<URI> uri(String name, String defaultScheme) {
    return text(name)
        .map(
            value -> {
              String full = value.contains("://") ? value : defaultScheme + "://" + value;
              try {
                URI uri = new URI(full);
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                  return uri;
                }
              } catch (URISyntaxException e) {
                // reported below with the expected form
              }
              throw StorageException.invalid(
                  name
                      + ": '"
                      + value
                      + "' (expected: an http(s) URL such as http://127.0.0.1:9000)");
            });
  }
}
