package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpStorageIT {
  private static final byte[] MODEL =
      "onnx-model-bytes".repeat(1000).getBytes(StandardCharsets.UTF_8);

  @TempDir Path cache;
  private TestingHttpServer server;
  private ModelStorage storage;

  @BeforeEach
  void start() throws IOException {
    server = new TestingHttpServer();
    storage = StorageFixture.storage(cache, Map.of("127.0.0.1-headers", "{\"X-Api-Key\":\"k1\"}"));
  }

  @AfterEach
  void stop() {
    storage.close();
    server.close();
  }

  @Test
  void downloadsOneFileAndReusesTheCacheWithoutARequest() throws IOException {
    server.route("/models/model.onnx", TestingHttpServer.bytes("application/octet-stream", MODEL));
    List<String> reports = new ArrayList<>();

    Path first =
        storage.fetch(
            server.uri("/models/model.onnx").toString(),
            (file, done, total) -> reports.add(file + " " + done + "/" + total));
    Path second = storage.fetch(server.uri("/models/model.onnx").toString());

    assertThat(Files.readAllBytes(first.resolve("model.onnx"))).isEqualTo(MODEL);
    assertThat(second).isEqualTo(first);
    assertThat(server.requests("/models/model.onnx")).isEqualTo(1);
    assertThat(reports).first().isEqualTo("model.onnx 0/" + MODEL.length);
    assertThat(reports).last().isEqualTo("model.onnx " + MODEL.length + "/" + MODEL.length);
    assertThat(server.exchanges().get(0).getRequestHeaders().getFirst("X-Api-Key")).isEqualTo("k1");
  }

  @Test
  void unpacksTarGzAndZipArchivesAndDropsTheArchive() throws IOException {
    server.route(
        "/m.tar.gz",
        TestingHttpServer.bytes(
            "application/gzip",
            TestArchives.tarGz()
                .directory("model")
                .file("model/model.onnx", "weights")
                .file("config.json", "{}")
                .build()));
    server.route(
        "/m.zip",
        TestingHttpServer.bytes(
            "application/zip",
            TestArchives.zip().file("sub/model.bst", "trees").file("README", "hi").build()));

    Path fromTar = storage.fetch(server.uri("/m.tar.gz").toString());
    Path fromZip = storage.fetch(server.uri("/m.zip").toString());

    assertThat(StorageFixture.files(fromTar)).containsExactly("config.json", "model/model.onnx");
    assertThat(Files.readString(fromTar.resolve("model/model.onnx"))).isEqualTo("weights");
    assertThat(StorageFixture.files(fromZip)).containsExactly("README", "sub/model.bst");
    assertThat(fromTar).isNotEqualTo(fromZip);
  }

  @Test
  void connectionClosedMidBodyLeavesNoCacheEntryAndARetrySucceeds() throws IOException {
    AtomicBoolean breakNext = new AtomicBoolean(true);
    server.route(
        "/big.bin",
        exchange -> {
          if (breakNext.getAndSet(false)) {
            exchange.sendResponseHeaders(200, MODEL.length);
            OutputStream out = exchange.getResponseBody();
            out.write(MODEL, 0, MODEL.length / 2);
            out.flush();
            throw new IOException("simulated connection drop");
          }
          TestingHttpServer.respond(exchange, 200, "application/octet-stream", MODEL);
        });
    String uri = server.uri("/big.bin").toString();

    assertThatThrownBy(() -> storage.fetch(uri))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("storage uri '" + uri + "': download failed")
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(StorageFixture.cacheContents(cache)).isEmpty();

    Path retried = storage.fetch(uri);
    assertThat(Files.readAllBytes(retried.resolve("big.bin"))).isEqualTo(MODEL);
    assertThat(server.requests("/big.bin")).isEqualTo(2);
  }

  @Test
  void concurrentFetchesOfOneUriDownloadOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.route(
        "/slow.onnx",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          TestingHttpServer.respond(exchange, 200, "application/octet-stream", MODEL);
        });
    String uri = server.uri("/slow.onnx").toString();
    List<Future<Path>> results = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        results.add(callers.submit(() -> storage.fetch(uri)));
      }
      // Without sharing, every caller's request would reach the blocked handler by now.
      Thread.sleep(300);
      release.countDown();
      for (Future<Path> result : results) {
        assertThat(Files.readAllBytes(result.get(60, TimeUnit.SECONDS).resolve("slow.onnx")))
            .isEqualTo(MODEL);
      }
    }
    assertThat(server.requests("/slow.onnx")).isEqualTo(1);
  }

  @Test
  void missingFileIsNotFoundAndLeavesNothing() throws IOException {
    String uri = server.uri("/nothing/model.onnx").toString();

    assertThatThrownBy(() -> storage.fetch(uri))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("returned HTTP 404")
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(StorageFixture.cacheContents(cache)).isEmpty();
  }

  @Test
  void uriWithoutAFileNameIsRefused() {
    assertThatThrownBy(() -> storage.fetch(server.uri("/models/").toString()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("names no file (expected http(s)://host/path/file)");
    assertThat(server.totalRequests()).isZero();
  }
}
