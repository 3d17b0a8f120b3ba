package dev.kserve4j.storage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every setting the storage layer reads, built once from the process environment by {@link
 * #fromEnvironment}. Variable names follow KServe's storage initializer and the credential
 * variables KServe's controller injects ({@code pkg/credentials/s3/s3_secret.go}), so the same
 * secrets work unchanged.
 *
 * @param cacheDir where downloaded models are kept ({@code KSERVE4J_MODEL_CACHE}; default {@code
 *     $XDG_CACHE_HOME/kserve4j/models} or {@code ~/.cache/kserve4j/models})
 * @param pvcRoot where {@code pvc://claim/path} resolves in embedded mode: {@code
 *     pvcRoot/claim/path} ({@code KSERVE4J_PVC_ROOT}; default {@code /mnt/pvc}, KServe's mount)
 * @param maxUnpackedBytes the most bytes an archive may expand to ({@code
 *     KSERVE4J_MAX_UNPACKED_BYTES}; default 10 GiB)
 * @param httpHeaders extra request headers per host, from KServe's {@code <host>-headers} variables
 *     holding a JSON object
 */
public record StorageConfig(
    Path cacheDir,
    Path pvcRoot,
    long maxUnpackedBytes,
    S3 s3,
    Gcs gcs,
    HuggingFace huggingFace,
    Map<String, Map<String, String>> httpHeaders) {

  /** The default archive expansion limit: 10 GiB. */
  public static final long DEFAULT_MAX_UNPACKED_BYTES = 10L << 30;

  private static final String HEADERS_SUFFIX = "-headers";

  public StorageConfig {
    requireNonNull(cacheDir, "cacheDir");
    requireNonNull(pvcRoot, "pvcRoot");
    requireNonNull(s3, "s3");
    requireNonNull(gcs, "gcs");
    requireNonNull(huggingFace, "huggingFace");
    httpHeaders = Map.copyOf(httpHeaders);
    if (maxUnpackedBytes <= 0) {
      throw new IllegalArgumentException(
          "maxUnpackedBytes: " + maxUnpackedBytes + " (expected: > 0)");
    }
  }

  /**
   * S3 settings.
   *
   * @param endpoint {@code AWS_ENDPOINT_URL}, else {@code S3_ENDPOINT} (a host[:port]) with {@code
   *     S3_USE_HTTPS} ({@code 0} for plain HTTP); empty means AWS itself
   * @param region {@code AWS_DEFAULT_REGION}, else {@code AWS_REGION}, else {@code us-east-1}
   * @param virtualHostedStyle {@code S3_USER_VIRTUAL_BUCKET=true}; otherwise an endpoint override
   *     is addressed path-style ({@code endpoint/bucket/key}), as MinIO and friends expect
   * @param anonymous {@code awsAnonymousCredential=true}: unsigned requests, for public buckets
   * @param keys {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (and {@code
   *     AWS_SESSION_TOKEN}); when absent the SDK's default credentials chain is asked (profile, web
   *     identity, container and instance roles)
   * @param connectTimeout {@code S3_CONNECT_TIMEOUT} in seconds, default 15
   * @param readTimeout {@code S3_READ_TIMEOUT} in seconds, default 30
   * @param maxAttempts {@code S3_MAX_ATTEMPTS}, default 3
   */
  public record S3(
      Optional<URI> endpoint,
      String region,
      boolean virtualHostedStyle,
      boolean anonymous,
      Optional<AwsKeys> keys,
      Duration connectTimeout,
      Duration readTimeout,
      int maxAttempts) {}

  /** Static AWS credentials; {@link #toString()} hides the secret. */
  public record AwsKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    @Override
    public String toString() {
      return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  /**
   * Google Cloud Storage settings; objects are read anonymously over the JSON API.
   *
   * @param endpoint {@code STORAGE_EMULATOR_HOST} (the Google client libraries' override, e.g.
   *     fake-gcs-server), default {@code https://storage.googleapis.com}
   */
  public record Gcs(URI endpoint) {}

  /**
   * Hugging Face Hub settings.
   *
   * @param endpoint {@code HF_ENDPOINT}, default {@code https://huggingface.co}
   * @param token {@code HF_TOKEN}, sent as a bearer token; {@link #toString()} hides it
   */
  public record HuggingFace(URI endpoint, Optional<String> token) {
    @Override
    public String toString() {
      return "HuggingFace[endpoint=" + endpoint + ", token=" + token.map(t -> "***") + "]";
    }
  }

  /** Reads the settings from an environment map such as {@link System#getenv()}. */
  public static StorageConfig fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env");
    EnvReader reader = new EnvReader(env);
    return new StorageConfig(
        reader.path("KSERVE4J_MODEL_CACHE").orElseGet(() -> defaultCacheDir(reader)),
        reader.path("KSERVE4J_PVC_ROOT").orElse(Path.of("/mnt/pvc")),
        reader.positiveLong("KSERVE4J_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES),
        s3(reader),
        new Gcs(
            reader
                .uri("STORAGE_EMULATOR_HOST", "http")
                .orElse(URI.create("https://storage.googleapis.com"))),
        new HuggingFace(
            reader.uri("HF_ENDPOINT", "https").orElse(URI.create("https://huggingface.co")),
            reader.text("HF_TOKEN")),
        httpHeaders(env));
  }

  private static S3 s3(EnvReader reader) {
    Optional<URI> endpoint = reader.uri("AWS_ENDPOINT_URL", "https");
    if (endpoint.isEmpty()) {
      String scheme =
          reader.text("S3_USE_HTTPS").map(v -> v.equals("0") ? "http" : "https").orElse("https");
      endpoint = reader.uri("S3_ENDPOINT", scheme);
    }
    Optional<AwsKeys> keys =
        reader
            .text("AWS_ACCESS_KEY_ID")
            .flatMap(
                id ->
                    reader
                        .text("AWS_SECRET_ACCESS_KEY")
                        .map(secret -> new AwsKeys(id, secret, reader.text("AWS_SESSION_TOKEN"))));
    return new S3(
        endpoint,
        reader.text("AWS_DEFAULT_REGION").or(() -> reader.text("AWS_REGION")).orElse("us-east-1"),
        reader.flag("S3_USER_VIRTUAL_BUCKET"),
        reader.flag("awsAnonymousCredential"),
        keys,
        Duration.ofSeconds(reader.positiveLong("S3_CONNECT_TIMEOUT", 15)),
        Duration.ofSeconds(reader.positiveLong("S3_READ_TIMEOUT", 30)),
        (int) Math.min(reader.positiveLong("S3_MAX_ATTEMPTS", 3), 100));
  }

  private static Path defaultCacheDir(EnvReader reader) {
    return reader
        .path("XDG_CACHE_HOME")
        .or(() -> reader.path("HOME").map(home -> home.resolve(".cache")))
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache"))
        .resolve("kserve4j")
        .resolve("models");
  }

  private static Map<String, Map<String, String>> httpHeaders(Map<String, String> env) {
    JsonMapper mapper = new JsonMapper();
    Map<String, Map<String, String>> byHost = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.endsWith(HEADERS_SUFFIX) && name.length() > HEADERS_SUFFIX.length()) {
            String host = name.substring(0, name.length() - HEADERS_SUFFIX.length());
            try {
              byHost.put(
                  host.toLowerCase(Locale.ROOT),
                  Map.copyOf(mapper.readValue(value, new TypeReference<Map<String, String>>() {})));
            } catch (JsonProcessingException e) {
              throw StorageException.invalid(
                  name + ": '" + value + "' is not a JSON object of header names to string values");
            }
          }
        });
    return byHost;
  }
}
