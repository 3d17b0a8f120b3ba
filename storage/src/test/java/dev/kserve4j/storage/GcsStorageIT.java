package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake GCS JSON API on a real socket: paged objects.list and objects.get?alt=media. */
class GcsStorageIT {
  @TempDir Path cache;
  private TestingHttpServer gcs;
  private ModelStorage storage;

  @BeforeEach
  void start() throws IOException {
    gcs = new TestingHttpServer();
    storage = StorageFixture.storage(cache, Map.of("STORAGE_EMULATOR_HOST", gcs.base()));
    gcs.route(
        "/storage/v1/b/bucket/o?prefix=models%2Fxgb",
        json(
            """
            {"items":[{"name":"models/xgb/","size":"0"},{"name":"models/xgb/model.bst","size":"5"}],
             "nextPageToken":"page 2"}\
            """));
    gcs.route(
        "/storage/v1/b/bucket/o?prefix=models%2Fxgb&pageToken=page%202",
        json(
            """
            {"items":[{"name":"models/xgb/extra/notes.txt","size":"2"},
                      {"name":"models/xgb-old/model.bst","size":"3"}]}\
            """));
    gcs.route("/storage/v1/b/bucket/o/models%2Fxgb%2Fmodel.bst?alt=media", media("trees"));
    gcs.route("/storage/v1/b/bucket/o/models%2Fxgb%2Fextra%2Fnotes.txt?alt=media", media("hi"));
    gcs.route("/storage/v1/b/bucket/o?prefix=empty", json("{\"kind\":\"storage#objects\"}"));
  }

  private static TestingHttpServer.Handler json(String body) {
    return TestingHttpServer.bytes("application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static TestingHttpServer.Handler media(String body) {
    return TestingHttpServer.bytes(
        "application/octet-stream", body.getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    storage.close();
    gcs.close();
  }

  @Test
  void downloadsEveryPageOfObjectsBelowThePrefixOnly() throws IOException {
    Path model = storage.fetch("gs://bucket/models/xgb");

    assertThat(StorageFixture.files(model)).containsExactly("extra/notes.txt", "model.bst");
    assertThat(Files.readString(model.resolve("model.bst"))).isEqualTo("trees");
    assertThat(gcs.exchanges())
        .allSatisfy(
            exchange ->
                assertThat(exchange.getRequestHeaders().containsKey("Authorization")).isFalse());
  }

  @Test
  void emptyPrefixIsNotFoundAndLeavesNothing() throws IOException {
    assertThatThrownBy(() -> storage.fetch("gs://bucket/empty"))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "storage uri 'gs://bucket/empty': no objects under prefix 'empty' in bucket"
                + " 'bucket' (expected the model's files)")
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(StorageFixture.cacheContents(cache)).isEmpty();
  }
}
