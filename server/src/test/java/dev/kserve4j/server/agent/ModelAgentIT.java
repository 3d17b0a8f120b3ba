package dev.kserve4j.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model agent against a real server with an empty model repository: models.json in a directory
 * laid out as Kubernetes mounts a ConfigMap ({@code models.json -> ..data/models.json}, {@code
 * ..data} a symlink swapped on every update), models pulled through the storage module, loaded and
 * unloaded over the repository API.
 */
class ModelAgentIT {
  private static final String INFER =
      "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[3,4],\"datatype\":\"FP32\","
          + "\"data\":[[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.3, 3.3, 6.0, 2.5]]}]}";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private Path repository;
  private Path configDir;
  private KServeServer server;
  private ModelStorage storage;
  private ModelAgent agent;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger generation = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    repository = Files.createDirectory(tmp.resolve("models"));
    configDir = Files.createDirectory(tmp.resolve("configs"));
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts().withModelRepository(repository),
            ModelRuntimes.discover(getClass().getClassLoader()));
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(
                Map.of("KSERVE4J_MODEL_CACHE", tmp.resolve("cache").toString())));
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    server.close();
    storage.close();
  }

  private void startAgent() {
    // A long rescan: the changes must be seen through the directory's events.
    agent =
        new ModelAgent(
            configDir.resolve("models.json"),
            new ModelPuller(storage, repository),
            new RepositoryClient(server.host(), server.httpPort()),
            Duration.ofMinutes(5));
    agent.start();
  }

  /**
   * Writes models.json as the kubelet updates a ConfigMap volume: a new timestamped directory, then
   * a symlink swap.
   */
  private void writeConfigMap(String json) throws IOException {
    Path data =
        Files.createDirectory(configDir.resolve("..2026_11_28_" + generation.incrementAndGet()));
    Files.writeString(data.resolve("models.json"), json);
    Path tmpLink = Files.createSymbolicLink(configDir.resolve("..data_tmp"), data.getFileName());
    Files.move(
        tmpLink,
        configDir.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Path file = configDir.resolve("models.json");
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(file, Path.of("..data", "models.json"));
    }
  }

  private static String entry(String name, String storageUri) {
    return "{\"modelName\":\""
        + name
        + "\",\"modelSpec\":{\"storageUri\":\""
        + storageUri
        + "\",\"framework\":\"onnx\",\"memory\":\"64Mi\"}}";
  }

  private HttpResponse<String> post(String path, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void assertPredictsIris(String model) {
    HttpResponse<String> r = post("/v2/models/" + model + "/infer", INFER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"data\":[0,1,2]");
  }

  @Test
  void aModelAddedToTheFileIsPulledLoadedAndServedThenUnloadedWhenLeftOut() throws IOException {
    Path iris = TestModels.directory("iris-onnx");
    writeConfigMap("[" + entry("iris", iris.toUri().toString()) + "]");
    startAgent();

    await("iris served").atMost(WAIT).untilAsserted(() -> assertPredictsIris("iris"));
    assertThat(repository.resolve("iris").resolve("model.onnx")).isRegularFile();
    assertThat(post("/v2/repository/index", "{}").body()).contains("\"name\":\"iris\"", "READY");

    // Rewritten without iris (and with another model, given as a plain path): iris goes, the other
    // comes.
    writeConfigMap("[" + entry("iris-copy", iris.toString()) + "]");

    await("iris-copy served").atMost(WAIT).untilAsserted(() -> assertPredictsIris("iris-copy"));
    await("iris unloaded")
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(post("/v2/models/iris/infer", INFER).statusCode()).isEqualTo(404));
    await("the directory of iris deleted")
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(repository.resolve("iris")).doesNotExist());
    assertThat(post("/v2/repository/index", "{}").body()).doesNotContain("\"name\":\"iris\"");
  }

  @Test
  void aBadEntryIsLoggedAndLeftOutWhileTheOtherModelsLoad() throws IOException {
    String iris = TestModels.directory("iris-onnx").toUri().toString();
    writeConfigMap(
        "["
            + entry("missing", tmp.resolve("no-such-model").toUri().toString())
            + ","
            + entry("bad-scheme", "nosuch://bucket/model")
            + ","
            + "{\"modelName\":\"no-uri\",\"modelSpec\":{\"framework\":\"onnx\"}},"
            + "{\"modelName\":\"../escape\",\"modelSpec\":{\"storageUri\":\""
            + iris
            + "\"}},"
            + entry("good", iris)
            + "]");
    startAgent();

    await("good served").atMost(WAIT).untilAsserted(() -> assertPredictsIris("good"));
    for (String name : List.of("missing", "bad-scheme", "no-uri")) {
      assertThat(post("/v2/models/" + name + "/infer", INFER).statusCode()).as(name).isEqualTo(404);
      assertThat(repository.resolve(name)).doesNotExist();
    }
    assertThat(tmp.resolve("escape")).doesNotExist();
    try (var files = Files.list(repository)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("good");
    }
    assertThat(server.dataPlane().ready()).isTrue();
  }

  @Test
  void theRepositoryApiLoadsAModelDirectoryByNameAndAnswers404ForOthers() throws IOException {
    Path dir = Files.createDirectory(repository.resolve("by-name"));
    Files.copy(TestModels.file("iris-onnx", "model.onnx"), dir.resolve("model.onnx"));

    assertThat(post("/v2/repository/models/by-name/load", "{}").statusCode()).isEqualTo(200);
    assertPredictsIris("by-name");

    HttpResponse<String> unknown = post("/v2/repository/models/nothing-here/load", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nothing-here", "model repository");
    assertThat(post("/v2/repository/models/..%2Fconfigs/load", "{}").statusCode()).isIn(400, 404);

    Files.createDirectory(repository.resolve("empty"));
    HttpResponse<String> empty = post("/v2/repository/models/empty/load", "{}");
    assertThat(empty.statusCode()).as(empty.body()).isGreaterThanOrEqualTo(400);
    assertThat(post("/v2/repository/index", "{}").body())
        .as("a failed first load is forgotten")
        .doesNotContain("\"empty\"");
    assertThat(server.dataPlane().ready()).isTrue();

    assertThat(post("/v2/repository/models/by-name/unload", "{}").statusCode()).isEqualTo(200);
    assertThat(post("/v2/models/by-name/infer", INFER).statusCode()).isEqualTo(404);
  }
}
