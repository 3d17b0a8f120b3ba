package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.common.testing.Required;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two KServe-style model.py services (custom containers with {@code STORAGE_URI}) behind a Switch,
 * all from one manifest directory as {@code kserve4j up -f} reads it: each branch answers its own
 * JSON, a request matching no branch is 404, and the graph goes with its file.
 */
class PythonGraphIT {
  private static final String PYTHON = "/usr/bin/python3";

  /** A KServe graph node: takes any JSON and returns a dict, as KServe users write them. */
  private static final String MODEL_PY =
      """
      import argparse
      from kserve import Model, ModelServer, model_server

      parser = argparse.ArgumentParser(parents=[model_server.parser])
      args, _ = parser.parse_known_args()


      class Animal(Model):
          def __init__(self, name):
              super().__init__(name)
              self.load()

          def load(self):
              self.ready = True

          def predict(self, payload, headers=None):
              return {"predictions": [{"message": "%s", "saw": payload.get("animal")}]}


      if __name__ == "__main__":
          model = Animal(args.model_name)
          model.load()
          ModelServer().start([model])
      """;

  private static final String SWITCH =
      """
      apiVersion: serving.kserve.io/v1alpha1
      kind: InferenceGraph
      metadata:
        name: animals
      spec:
        nodes:
          root:
            routerType: Switch
            steps:
            - serviceName: dogs
              condition: "[@this].#(animal==\\"dog\\")"
            - serviceName: cats
              condition: "[@this].#(animal==\\"cat\\")"
      """;

  @TempDir Path manifests;
  @TempDir Path models;
  private EmbeddedHost host;
  private LocalControlPlane control;
  private ManifestSync sync;
  private final List<String> deleted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(@TempDir Path cache) {
    host = new EmbeddedHost(cache);
    control = host.control;
    sync =
        new ManifestSync(
            manifests,
            control,
            new ManifestSync.Listener() {
              @Override
              public void applied(Path file, HasMetadata resource) {}

              @Override
              public void deleted(Path file, String kind, String namespace, String name) {
                deleted.add(kind + "/" + namespace + "/" + name);
              }

              @Override
              public void failed(Path file, String reason) {}
            });
  }

  @AfterEach
  void stop() {
    sync.close();
    host.close();
  }

  private Path service(String name, String message) throws IOException {
    Path dir = Files.createDirectories(models.resolve(name));
    Files.writeString(dir.resolve("model.py"), MODEL_PY.formatted(message));
    return Files.writeString(
        manifests.resolve(name + ".yaml"),
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: %1$s
        spec:
          predictor:
            containers:
            - name: kserve-container
              image: ghcr.io/kserve4j/kserve4j-server:0.1.0
              args: ["serve", "--model-dir=/mnt/models", "--model-name=%1$s", "--model-format=python"]
              env:
              - name: STORAGE_URI
                value: %2$s
        """
            .formatted(name, dir.toUri()));
  }

  private AggregatedHttpResponse post(String body) {
    return host.post("/", "animals.default.example.com", body);
  }

  @Test
  void aSwitchOfTwoModelPyServicesAnswersEachBranchAnd404() throws IOException {
    Required.that(
        new java.io.File(PYTHON).canExecute(), PYTHON + " is missing (install python3-numpy)");
    service("dogs", "woof");
    service("cats", "meow");
    Path graphFile = Files.writeString(manifests.resolve("graph.yaml"), SWITCH);

    sync.applyAll();

    InferenceGraph applied = control.getGraph("default", "animals").orElseThrow();
    assertThat(applied.getStatus().isReady()).as("%s", applied.getStatus()).isTrue();

    AggregatedHttpResponse dog = post("{\"animal\": \"dog\"}");
    assertThat(dog.status().code()).as(dog.contentUtf8()).isEqualTo(200);
    assertThat(dog.contentUtf8())
        .isEqualTo("{\"predictions\":[{\"message\":\"woof\",\"saw\":\"dog\"}]}");
    AggregatedHttpResponse cat = post("{\"animal\": \"cat\"}");
    assertThat(cat.contentUtf8())
        .isEqualTo("{\"predictions\":[{\"message\":\"meow\",\"saw\":\"cat\"}]}");

    AggregatedHttpResponse bird = post("{\"animal\": \"bird\"}");
    assertThat(bird.status().code()).isEqualTo(404);
    assertThat(bird.contentUtf8())
        .isEqualTo(
            "{\"error\":\"Failed to process request\",\"cause\":\"None of the routes matched with"
                + " the switch condition\"}");
    System.out.println("dog: " + dog.contentUtf8() + "; bird: " + bird.contentUtf8());

    Files.delete(graphFile);
    sync.sync(graphFile); // what the watch does when the file goes
    assertThat(deleted).containsExactly("InferenceGraph/default/animals");
    assertThat(control.getGraph("default", "animals")).isEmpty();
    assertThat(post("{\"animal\": \"dog\"}").status().code()).isEqualTo(404);
  }
}
