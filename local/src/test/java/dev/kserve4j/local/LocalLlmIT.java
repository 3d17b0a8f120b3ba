package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.runtime.llm.TinyGguf;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLMInferenceServices on one machine: a GGUF model served by llama.cpp, the rest refused by field.
 */
class LocalLlmIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  @TempDir Path pvc;
  private KServeServer server;
  private ModelStorage storage;
  private LocalControlPlane control;

  @BeforeEach
  void start(@TempDir Path cache) {
    TinyGguf.write(pvc.resolve("models/tiny"));
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(LocalLlmIT.class.getClassLoader()));
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(
                Map.of(
                    "KSERVE4J_MODEL_CACHE",
                    cache.toString(),
                    "KSERVE4J_PVC_ROOT",
                    pvc.toString())));
    control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            PlanConfig.defaults(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    storage.close();
    server.close();
  }

  private static LLMInferenceService llm(String yamlSpec) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1alpha1
        kind: LLMInferenceService
        metadata: {name: chat, namespace: ml}
        spec:
        %s\
        """
            .formatted(yamlSpec.indent(2)),
        "test",
        LLMInferenceService.class);
  }

  private static Condition ready(LLMInferenceService applied) {
    return applied.getStatus().condition("Ready").orElseThrow();
  }

  @Test
  void aGgufModelIsServedByLlamaCppUnderItsModelName() {
    LLMInferenceService applied =
        control.applyLlm(
            llm(
                """
                model: {uri: "pvc://models/tiny/model.gguf", name: tiny-chat}
                replicas: 1\
                """));

    assertThat(ready(applied).status()).as(ready(applied).toString()).isEqualTo("True");
    assertThat(applied.getStatus().getConditions())
        .extracting(Condition::type)
        .containsExactly("MainWorkloadReady", "WorkloadsReady", "Ready");
    assertThat(applied.getStatus().getUrl()).isNotBlank();
    StringBuilder text = new StringBuilder();
    Generation g =
        server
            .dataPlane()
            .textGenerator("tiny-chat")
            .generate(GenerationRequest.greedy("hello", 8), t -> text.append(t.text()) != null);
    assertThat(g.completionTokens()).isEqualTo(8);
    assertThat(text).isNotEmpty();

    assertThat(control.deleteLlm("ml", "chat")).isTrue();
    assertThat(server.repository().names()).doesNotContain("tiny-chat");
  }

  @Test
  void whatOneMachineCannotRunIsRefusedNamingTheFields() {
    LLMInferenceService applied =
        control.applyLlm(
            llm(
                """
                model: {uri: "pvc://models/tiny/model.gguf"}
                parallelism: {tensor: 2, pipeline: 2}
                worker: {containers: [{name: main, image: vllm}]}
                prefill:
                  replicas: 1
                  template: {containers: [{name: main, image: vllm}]}\
                """));

    Condition ready = ready(applied);
    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo("NotSupportedOnOneMachine");
    assertThat(ready.message()).contains("spec.worker", "spec.prefill", "not on one machine");
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void aModelThatIsNotAGgufFileAndAnInvalidSpecAreReported() {
    Condition notGguf = ready(control.applyLlm(llm("model: {uri: \"hf://facebook/opt-125m\"}")));
    assertThat(notGguf.reason()).isEqualTo("NotSupportedOnOneMachine");
    assertThat(notGguf.message()).contains("spec.model.uri");

    Condition invalid = ready(control.applyLlm(llm("model: {uri: \"ftp://host/model.gguf\"}")));
    assertThat(invalid.reason()).isEqualTo("InvalidSpec");
    assertThat(invalid.message()).contains("spec.model.uri");
  }

  @Test
  void anInferenceServiceWithModelFormatHuggingFaceOrGgufRunsItsGgufThroughLlamaCpp() {
    for (String format : List.of("huggingface", "gguf")) {
      dev.kserve4j.api.v1beta1.InferenceService isvc =
          CODEC.read(
              """
              apiVersion: serving.kserve.io/v1beta1
              kind: InferenceService
              metadata: {name: %s-chat, namespace: ml}
              spec:
                predictor:
                  model:
                    modelFormat: {name: %s}
                    storageUri: pvc://models/tiny
              """
                  .formatted(format, format),
              "test",
              dev.kserve4j.api.v1beta1.InferenceService.class);

      dev.kserve4j.api.v1beta1.InferenceService applied = control.apply(isvc);

      assertThat(applied.getStatus().isReady()).as(format).isTrue();
      assertThat(applied.getStatus().getClusterServingRuntimeName()).isEqualTo("kserve4j-llm");
      assertThat(
              server
                  .dataPlane()
                  .textGenerator(format + "-chat-predictor-00001")
                  .countTokens("hello world"))
          .isPositive();
    }
  }

  @Test
  void aFailedChangeKeepsTheServingModel() {
    control.applyLlm(llm("model: {uri: \"pvc://models/tiny/model.gguf\", name: tiny-chat}"));
    LLMInferenceService broken =
        control.applyLlm(llm("model: {uri: \"pvc://models/absent/model.gguf\", name: tiny-chat}"));

    assertThat(ready(broken).reason()).isEqualTo("StorageInitializerFailed");
    assertThat(broken.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(server.repository().names()).containsExactly("tiny-chat");
    assertThat(control.getLlm("ml", "chat")).isPresent();
  }
}
