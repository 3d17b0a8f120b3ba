package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Fetches from a real S3 server (s3proxy, in-memory store) filled through the AWS SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StorageIT {
  private static final String ACCESS_KEY = "test-access";
  private static final String SECRET_KEY = "test-secret";
  private static final byte[] WEIGHTS = "weights".repeat(3000).getBytes(StandardCharsets.UTF_8);

  @TempDir Path work;
  private S3Proxy proxy;
  private URI endpoint;

  @BeforeAll
  void startS3() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    try (S3Client client =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            // Plain bodies with a Content-Length: no aws-chunked framing or trailing checksum,
            // whose zero-length uploads s3proxy could answer before the body was written.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build()) {
      client.createBucket(b -> b.bucket("models"));
      put(client, "resnet/1/model.onnx", WEIGHTS);
      put(client, "resnet/config.pbtxt", "name: \"resnet\"".getBytes(StandardCharsets.UTF_8));
      put(client, "resnet/", new byte[0]);
      put(client, "resnet-v2/model.onnx", "other model".getBytes(StandardCharsets.UTF_8));
      put(
          client,
          "archives/sklearn.tar.gz",
          TestArchives.tarGz()
              .file("model.joblib", "joblib-bytes")
              .file("meta/info.json", "{}")
              .build());
    }
  }

  private static void put(S3Client client, String key, byte[] body) {
    client.putObject(b -> b.bucket("models").key(key), RequestBody.fromBytes(body));
  }

  @AfterAll
  void stopS3() throws Exception {
    proxy.stop();
  }

  private ModelStorage storage(Path cache, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "AWS_ENDPOINT_URL",
                endpoint.toString(),
                "AWS_ACCESS_KEY_ID",
                ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY,
                "AWS_DEFAULT_REGION",
                "us-east-1"));
    env.putAll(extra);
    return StorageFixture.storage(cache, env);
  }

  @Test
  void downloadsEveryObjectUnderThePrefixKeepingRelativePaths() throws IOException {
    Map<String, Long> totals = new ConcurrentHashMap<>();
    try (ModelStorage storage = storage(work.resolve("cache"), Map.of())) {
      Path model =
          storage.fetch("s3://models/resnet", (file, done, total) -> totals.put(file, total));

      assertThat(StorageFixture.files(model)).containsExactly("1/model.onnx", "config.pbtxt");
      assertThat(Files.readAllBytes(model.resolve("1/model.onnx"))).isEqualTo(WEIGHTS);
      assertThat(totals).containsEntry("1/model.onnx", (long) WEIGHTS.length);
      assertThat(storage.fetch("s3://models/resnet/")).isNotEqualTo(model);
    }
  }

  @Test
  void singleArchiveObjectIsUnpacked() throws IOException {
    try (ModelStorage storage = storage(work.resolve("cache"), Map.of())) {
      Path model = storage.fetch("s3://models/archives/sklearn.tar.gz");

      assertThat(StorageFixture.files(model)).containsExactly("meta/info.json", "model.joblib");
    }
  }

  @Test
  void kserveStyleEndpointAndSingleObject() throws IOException {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "S3_ENDPOINT",
                endpoint.getAuthority(),
                "S3_USE_HTTPS",
                "0",
                "AWS_ACCESS_KEY_ID",
                ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY));
    try (ModelStorage storage = StorageFixture.storage(work.resolve("cache"), env)) {
      Path model = storage.fetch("s3://models/resnet/config.pbtxt");

      assertThat(StorageFixture.files(model)).containsExactly("config.pbtxt");
    }
  }

  @Test
  void wrongSecretIsAccessDeniedAndLeavesNothing() throws IOException {
    Path cache = work.resolve("cache");
    try (ModelStorage storage = storage(cache, Map.of("AWS_SECRET_ACCESS_KEY", "wrong"))) {
      assertThatThrownBy(() -> storage.fetch("s3://models/resnet"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(
              "storage uri 's3://models/resnet': listing objects in bucket 'models'")
          .hasMessageContaining("access denied")
          .extracting(e -> ((StorageException) e).kind())
          .isEqualTo(ErrorKind.INVALID_INPUT);
    }
    assertThat(StorageFixture.cacheContents(cache)).isEmpty();
  }

  @Test
  void anonymousRequestsAreUnsignedAndRefusedByAPrivateBucket() {
    try (ModelStorage storage =
        storage(work.resolve("cache"), Map.of("awsAnonymousCredential", "true"))) {
      assertThatThrownBy(() -> storage.fetch("s3://models/resnet"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("access denied");
    }
  }

  @Test
  void missingBucketAndEmptyPrefixAreNotFound() {
    try (ModelStorage storage = storage(work.resolve("cache"), Map.of())) {
      assertThatThrownBy(() -> storage.fetch("s3://no-such-bucket/m"))
          .isInstanceOf(StorageException.class)
          .extracting(e -> ((StorageException) e).kind())
          .isEqualTo(ErrorKind.NOT_FOUND);
      assertThatThrownBy(() -> storage.fetch("s3://models/res"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("no objects under prefix 'res' in bucket 'models'")
          .extracting(e -> ((StorageException) e).kind())
          .isEqualTo(ErrorKind.NOT_FOUND);
    }
  }
}
