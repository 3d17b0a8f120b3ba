package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import org.junit.jupiter.api.Test;

class LLMInferenceServiceValidatorTest {
  private final ResourceCodec codec = new ResourceCodec();
  private final LLMInferenceServiceValidator validator = new LLMInferenceServiceValidator();

  private ValidationResult validate(String spec) {
    return validator.validate(
        codec.read(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata:
              name: llm
            spec:
            """
                + spec.indent(2),
            "test.yaml",
            LLMInferenceService.class));
  }

  @Test
  void acceptsKServesSingleNodeAndMultiNodeShapes() {
    assertThat(
            validate(
                    "model: {uri: hf://facebook/opt-125m}\n"
                        + "replicas: 0\n"
                        + "router: {route: {}, scheduler: {}}")
                .errors())
        .isEmpty();
    assertThat(
            validate(
                    """
                    model: {uri: pvc://models/deepseek}
                    parallelism: {data: 16, dataLocal: 8, expert: true}
                    worker: {containers: [{name: main}]}
                    prefill: {parallelism: {pipeline: 2}, worker: {containers: [{name: main}]}}
                    """)
                .errors())
        .isEmpty();
  }

  @Test
  void requiresAModelUriWithAFetchableScheme() {
    assertThat(validate("model: {name: m}").errors())
        .extracting(FieldError::path)
        .containsExactly("spec.model.uri");
    assertThat(validate("model: {uri: 'gs://bucket/m'}").errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message()).contains("unsupported schema in model URI: gs://bucket/m"));
    assertThat(validate("model: {uri: 'hf://'}").errors())
        .extracting(FieldError::path)
        .containsExactly("spec.model.uri");
    assertThat(validate("replicas: 1").errors())
        .extracting(FieldError::path)
        .containsExactly("spec.model");
  }

  @Test
  void reportsEveryWorkloadErrorAtOnceWithItsPath() {
    ValidationResult result =
        validate(
            """
            model: {uri: s3://bucket/m}
            replicas: -1
            parallelism: {tensor: 0, dataRPCPort: 70000}
            worker: {containers: [{name: main}]}
            prefill:
              parallelism: {pipeline: 2, data: 2}
            """);

    assertThat(result.errors())
        .extracting(FieldError::path)
        .containsExactly(
            "spec.replicas",
            "spec.worker",
            "spec.parallelism.tensor",
            "spec.parallelism.dataRPCPort",
            "spec.prefill.parallelism",
            "spec.prefill.parallelism.dataLocal");
    assertThat(result.errors().get(1).message())
        .startsWith("when worker is specified, parallelism must be");
  }

  @Test
  void checksScalingAndThatPrefillScalesLikeDecode() {
    ValidationResult result =
        validate(
            """
            model: {uri: hf://org/m}
            replicas: 1
            scaling: {maxReplicas: 2, minReplicas: 3, wva: {hpa: {}}}
            prefill:
              scaling: {maxReplicas: 4, keda: {triggers: []}}
            """);

    assertThat(result.errors())
        .extracting(FieldError::path)
        .containsExactly(
            "spec.scaling",
            "spec.scaling.minReplicas",
            "spec.prefill.scaling.keda.triggers",
            "spec.prefill.scaling");
    assertThat(result.errors().get(3).message())
        .isEqualTo(
            "decode and prefill must use the same scaling mode; decode uses WVA but prefill uses"
                + " direct KEDA");
  }

  @Test
  void checksRouterCrossFieldRulesAndSchedulerConfig() {
    ValidationResult result =
        validate(
            """
            model: {uri: hf://org/m}
            router:
              gateway: {}
              route:
                group: canary
                http: {refs: [{name: mine}], spec: {rules: []}}
              scheduler: {replicas: 0, config: {ref: {name: ''}, inline: {a: 1}}}
            """);

    assertThat(result.errors())
        .extracting(FieldError::path)
        .containsExactly(
            "spec.router.route.http",
            "spec.router.route.http.refs",
            "spec.router.route.weight",
            "spec.router.scheduler.replicas",
            "spec.router.scheduler.config",
            "spec.router.scheduler.config.ref.name");
  }

  @Test
  void checksLoRAAdapterNames() {
    ValidationResult result =
        validate(
            """
            model:
              uri: hf://org/m
              name: base
              lora:
                maxRank: 0
                adapters: [{uri: hf://a, name: sql}, {uri: hf://b, name: sql}, {uri: hf://c, name: base}, {uri: hf://d}]
            """);

    assertThat(result.errors())
        .extracting(FieldError::path)
        .containsExactly(
            "spec.model.lora.maxRank",
            "spec.model.lora.adapters[1].name",
            "spec.model.lora.adapters[2].name",
            "spec.model.lora.adapters[3].name");
  }

  @Test
  void rejectsNamesThatAreNotDns1035Labels() {
    LLMInferenceService llmSvc =
        codec.read(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata: {name: 1llm}
            spec: {model: {uri: hf://org/m}}
            """,
            "t.yaml",
            LLMInferenceService.class);

    assertThat(validator.validate(llmSvc).errors())
        .extracting(FieldError::path)
        .containsExactly("metadata.name");
    llmSvc.getMetadata().setName("a".repeat(64));
    assertThat(validator.validate(llmSvc).errors())
        .extracting(FieldError::path)
        .containsExactly("metadata.name");
  }
}
