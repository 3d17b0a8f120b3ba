package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * {@code kserve4j storage-initializer SRC DEST}, as the init container of a model server pod runs
 * it.
 */
class StorageInitializerIT {
  private static final String ACCESS_KEY = "initializer";
  private static final String SECRET_KEY = "initializer-secret";
  private static final byte[] MODEL =
      "not really ONNX, but bytes to compare".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  static HttpServer http;
  static S3Proxy s3;

  @BeforeAll
  static void start() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/models/model.onnx",
        exchange -> {
          exchange.sendResponseHeaders(200, MODEL.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(MODEL);
          }
        });
    http.createContext(
        "/missing/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    http.start();
    s3 =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    s3.start();
    try (S3Client client =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create("http://127.0.0.1:" + s3.getPort()))
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
      client.putObject(
          b -> b.bucket("models").key("iris/model.onnx"), RequestBody.fromBytes(MODEL));
      client.putObject(
          b -> b.bucket("models").key("iris/config/settings.json"), RequestBody.fromString("{}"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    http.stop(0);
    s3.stop();
  }

  @Test
  void downloadsOverHttpIntoTheDestination() throws IOException {
    Path dest = dir.resolve("mnt/models");
    Kserve4jProcess p =
        Kserve4jProcess.run(
            "storage-initializer",
            "http://127.0.0.1:" + http.getAddress().getPort() + "/models/model.onnx",
            dest.toString());

    assertThat(p.exitCode()).as(p.output()).isZero();
    assertThat(dest.resolve("model.onnx")).hasBinaryContent(MODEL);
    assertThat(entries(dest)).containsExactly("model.onnx");
  }

  @Test
  void downloadsPairsFromS3WithKServeCredentialVariablesAndFromLocalPaths() throws IOException {
    Path local = Files.createDirectories(dir.resolve("local"));
    Files.write(local.resolve("weights.bin"), MODEL);
    Path s3Dest = dir.resolve("s3");
    Path localDest = dir.resolve("copied");
    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            Map.of(
                "S3_ENDPOINT",
                "127.0.0.1:" + s3.getPort(),
                "S3_USE_HTTPS",
                "0",
                "AWS_ACCESS_KEY_ID",
                ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY),
            "storage-initializer",
            "s3://models/iris",
            s3Dest.toString(),
            local.toString(),
            localDest.toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.output()).isZero();
    }

    assertThat(s3Dest.resolve("model.onnx")).hasBinaryContent(MODEL);
    assertThat(s3Dest.resolve("config/settings.json")).hasContent("{}");
    assertThat(entries(s3Dest)).containsExactly("config", "model.onnx");
    assertThat(localDest.resolve("weights.bin")).hasBinaryContent(MODEL);
    assertThat(local.resolve("weights.bin")).as("the source stays").exists();
  }

  @Test
  void aMissingModelExitsOneNamingTheUriAndLeavesNothingBehind() throws IOException {
    Path dest = dir.resolve("models");
    String uri = "http://127.0.0.1:" + http.getAddress().getPort() + "/missing/model.onnx";
    Kserve4jProcess p = Kserve4jProcess.run("storage-initializer", uri, dest.toString());

    assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
    assertThat(p.stderr()).contains("kserve4j: ", uri);
    assertThat(entries(dest)).as("no partial file nor staging directory").isEmpty();
  }

  @Test
  void anUnsupportedSchemeExitsOneSayingWhichAreSupported() {
    Kserve4jProcess p =
        Kserve4jProcess.run("storage-initializer", "ftp://host/model", dir.resolve("m").toString());

    assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
    assertThat(p.stderr()).contains("scheme 'ftp' is not supported (expected one of");
  }

  @Test
  void badArgumentsExitTwo() {
    Kserve4jProcess missingDest = Kserve4jProcess.run("storage-initializer", "s3://models/iris");
    assertThat(missingDest.exitCode()).as(missingDest.output()).isEqualTo(2);
    assertThat(missingDest.stderr()).contains("SRC_URI DEST_DIR");

    Kserve4jProcess odd =
        Kserve4jProcess.run("storage-initializer", "s3://a/b", "/tmp/x", "s3://c/d");
    assertThat(odd.exitCode()).as(odd.output()).isEqualTo(2);
    assertThat(odd.stderr()).contains("expected pairs of SRC_URI DEST_DIR, got 3 arguments");
  }

  private static java.util.List<String> entries(Path dir) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
