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

/** A fake Hub on a real socket: the model-info API and the resolve endpoint, with a token. */
class HuggingFaceStorageIT {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path cache;
  private TestingHttpServer hub;
  private ModelStorage storage;

  @BeforeEach
  void start() throws IOException {
    hub = new TestingHttpServer();
    storage =
        StorageFixture.storage(cache, Map.of("HF_ENDPOINT", hub.base(), "HF_TOKEN", "hf_secret"));
    String info =
        """
        {"id":"acme/tiny-bert","sha":"%s","siblings":[
          {"rfilename":"config.json"},{"rfilename":"onnx/model.onnx"},{"rfilename":"my vocab.txt"}]}
        """
            .formatted(COMMIT);
    for (String revision : new String[] {"main", "v1.0"}) {
      hub.route(
          "/api/models/acme/tiny-bert/revision/" + revision,
          TestingHttpServer.bytes("application/json", info.getBytes(StandardCharsets.UTF_8)));
    }
    String resolve = "/acme/tiny-bert/resolve/" + COMMIT + "/";
    hub.route(resolve + "config.json", authorized("{\"hidden_size\":8}"));
    hub.route(resolve + "onnx/model.onnx", authorized("onnx-bytes"));
    hub.route(resolve + "my%20vocab.txt", authorized("[PAD]"));
  }

  /** Serves {@code body} only to requests carrying the configured token, as a gated repo does. */
  private static TestingHttpServer.Handler authorized(String body) {
    return exchange -> {
      boolean ok =
          "Bearer hf_secret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      TestingHttpServer.respond(
          exchange,
          ok ? 200 : 401,
          "application/octet-stream",
          (ok ? body : "unauthorized").getBytes(StandardCharsets.UTF_8));
    };
  }

  @AfterEach
  void stop() {
    storage.close();
    hub.close();
  }

  @Test
  void downloadsEveryFileOfTheSnapshotByCommit() throws IOException {
    Path model = storage.fetch("hf://acme/tiny-bert");

    assertThat(StorageFixture.files(model))
        .containsExactly("config.json", "my vocab.txt", "onnx/model.onnx");
    assertThat(Files.readString(model.resolve("onnx/model.onnx"))).isEqualTo("onnx-bytes");
    assertThat(hub.requests("/api/models/acme/tiny-bert/revision/main")).isEqualTo(1);
  }

  @Test
  void revisionIsPartOfTheCacheKey() throws IOException {
    Path main = storage.fetch("hf://acme/tiny-bert");
    Path tagged = storage.fetch("hf://acme/tiny-bert:v1.0");
    Path again = storage.fetch("hf://acme/tiny-bert:v1.0");

    assertThat(tagged).isNotEqualTo(main).isEqualTo(again);
    assertThat(hub.requests("/api/models/acme/tiny-bert/revision/v1.0")).isEqualTo(1);
  }

  @Test
  void missingTokenIsRefusedAndLeavesNothing() throws IOException {
    Path otherCache = cache.resolve("no-token");
    try (ModelStorage anonymous =
        StorageFixture.storage(otherCache, Map.of("HF_ENDPOINT", hub.base()))) {
      assertThatThrownBy(() -> anonymous.fetch("hf://acme/tiny-bert"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("returned HTTP 401")
          .hasMessageContaining("check the credentials or token");
    }
    assertThat(StorageFixture.cacheContents(otherCache)).isEmpty();
  }

  @Test
  void unknownRepositoryIsNotFoundAndMalformedUrisAreRefused() {
    assertThatThrownBy(() -> storage.fetch("hf://acme/missing"))
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    for (String bad :
        new String[] {"hf://just-a-name", "hf://a/b/c", "hf:///model", "hf://acme/:v1"}) {
      assertThatThrownBy(() -> storage.fetch(bad))
          .as(bad)
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "storage uri '"
                  + bad
                  + "' is not a Hugging Face model (expected hf://owner/model[:revision])");
    }
  }
}
