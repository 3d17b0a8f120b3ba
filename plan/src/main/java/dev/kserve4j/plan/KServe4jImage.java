package dev.kserve4j.plan;

/**
 * Which container images are kserve4j's: those whose repository name, the last path segment without
 * registry, tag or digest, is {@code kserve4j} or starts with {@code kserve4j-} (e.g. {@code
 * ghcr.io/kserve4j/kserve4j-server:0.1.0}, {@code localhost:5000/kserve4j}, {@code
 * kserve4j-server@sha256:...}). Every kserve4j image holds the same command line, so a container on
 * one runs {@code kserve4j serve} when its args say so: embedded mode serves such containers
 * in-process, and the operator runs kserve4j's storage initializer and model agent on them.
 */
public final class KServe4jImage {
  private static final String NAME = "kserve4j";

  private KServe4jImage() {}

  /** Whether {@code image} is a kserve4j image; false for null or blank. */
  public static boolean matches(String image) {
    String name = repositoryName(image);
    return name.equals(NAME) || name.startsWith(NAME + "-");
  }

  /**
   * The repository name of {@code image}: its last path segment without tag or digest, e.g. {@code
   * kserve4j-server} for {@code ghcr.io/kserve4j/kserve4j-server:0.1.0}; empty for null or blank.
   */
  public static String repositoryName(String image) {
    if (image == null || image.isBlank()) {
      return "";
    }
    String name = image.strip();
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    name = name.substring(name.lastIndexOf('/') + 1);
    int colon = name.indexOf(':');
    return colon >= 0 ? name.substring(0, colon) : name;
  }
}
