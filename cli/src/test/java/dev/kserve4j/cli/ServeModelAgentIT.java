package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kserve4j serve --model-config FILE --model-repository DIR} as the predictor of a
 * multi-model InferenceService runs it.
 */
class ServeModelAgentIT {
  private static final String INFER =
      "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
          + "\"data\":[5.1, 3.5, 1.4, 0.2]}]}";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path tmp;

  private int infer(String base, String model) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/models/" + model + "/infer"))
                .POST(HttpRequest.BodyPublishers.ofString(INFER))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Polls the model's infer route until it answers {@code status}, for at most 60 s. */
  private void awaitStatus(String base, String model, int status) {
    await("POST /v2/models/" + model + "/infer to answer " + status)
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(infer(base, model))
                    .as("POST /v2/models/%s/infer", model)
                    .isEqualTo(status));
  }

  @Test
  void modelsOfTheWatchedFileAreServedAndDroppedWhenRemoved() throws Exception {
    Path config = tmp.resolve("models.json");
    String uri = TestModels.directory("iris-onnx").toUri().toString();
    Files.writeString(
        config,
        "[{\"modelName\":\"iris\",\"modelSpec\":{\"storageUri\":\""
            + uri
            + "\",\"framework\":\"onnx\",\"memory\":\"64Mi\"}}]");
    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            java.util.Map.of("KSERVE4J_MODEL_CACHE", tmp.resolve("cache").toString()),
            "serve",
            "--model-config",
            config.toString(),
            "--model-repository",
            tmp.resolve("models").toString(),
            "--http-port",
            "0",
            "--grpc-port",
            "-1")) {
      String base = p.awaitReady();
      awaitStatus(base, "iris", 200);

      Path next = tmp.resolve("models.json.next");
      Files.writeString(next, "[]");
      Files.move(next, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      awaitStatus(base, "iris", 404);
      // The agent deletes the directory after the unload that made the route answer 404.
      await("the directory of iris deleted")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(tmp.resolve("models").resolve("iris")).doesNotExist());
    }
  }

  @Test
  void aModelConfigWithoutAModelRepositoryIsRefusedNamingTheFlag() {
    Kserve4jProcess p =
        Kserve4jProcess.run("serve", "--model-config", tmp.resolve("models.json").toString());
    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.stderr())
        .contains("--model-config", "(expected: used with --model-repository DIR");
  }
}
