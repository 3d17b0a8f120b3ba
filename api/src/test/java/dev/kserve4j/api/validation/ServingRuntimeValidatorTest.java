package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServingRuntimeValidatorTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String SK1 =
      "supportedModelFormats: [{name: sklearn, version: '1', autoSelect: true, priority: 1}]\n";
  private static final String V1V2 = "protocolVersions: [v1, v2]\n";
  private static final String SAME =
      "same priority assigned for the model format sklearn in the servingruntimes existing and"
          + " added in namespace ns";
  private final ServingRuntimeValidator validator = new ServingRuntimeValidator();

  private static ServingRuntime sr(String name, String spec) {
    return CODEC.read(
        "apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\nmetadata: {name: "
            + name
            + ", namespace: ns}\nspec:\n"
            + spec.indent(2),
        "test",
        ServingRuntime.class);
  }

  private static ClusterServingRuntime csr(String name, String spec) {
    return CODEC.read(
        "apiVersion: serving.kserve.io/v1alpha1\nkind: ClusterServingRuntime\nmetadata: {name: "
            + name
            + "}\nspec:\n"
            + spec.indent(2),
        "test",
        ClusterServingRuntime.class);
  }

  private static String worker(String extra) {
    return "containers: [{name: kserve-container, image: vllm}]\n"
        + "workerSpec:\n"
        + "  containers: [{name: worker-container, image: vllm}]\n"
        + extra.indent(2);
  }

  /**
   * Rows: what differs, the existing runtime's spec (or null for none), the added runtime's spec,
   * the messages expected.
   */
  static Stream<Arguments> namespacedRows() {
    return Stream.of(
        row("same format, version, priority and protocol", SK1 + V1V2, SK1 + V1V2, SAME),
        row(
            "one shared protocol is enough",
            SK1 + "protocolVersions: [v2, grpc-v2]\n",
            SK1 + "protocolVersions: [grpc-v2]\n",
            SAME),
        row(
            "format names compare ignoring case",
            SK1 + V1V2,
            "supportedModelFormats: [{name: SKLearn, version: '1', autoSelect: true, priority:"
                + " 1}]\n"
                + V1V2,
            "same priority assigned for the model format SKLearn in the servingruntimes existing"
                + " and added in namespace ns"),
        row(
            "conflict on the second format",
            SK1 + V1V2,
            "supportedModelFormats: [{name: xgboost, autoSelect: true, priority: 1}, {name:"
                + " sklearn, version: '1', autoSelect: true, priority: 1}]\n"
                + V1V2,
            SAME),
        row(
            "both without version",
            "supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 2}]\n" + V1V2,
            "supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 2}]\n" + V1V2,
            SAME),
        row(
            "different priority",
            SK1 + V1V2,
            "supportedModelFormats: [{name: sklearn, version: '1', autoSelect: true, priority:"
                + " 2}]\n"
                + V1V2),
        row(
            "different version",
            SK1 + V1V2,
            "supportedModelFormats: [{name: sklearn, version: '2', autoSelect: true, priority:"
                + " 1}]\n"
                + V1V2),
        row(
            "version on one side only",
            SK1 + V1V2,
            "supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 1}]\n" + V1V2),
        row(
            "different format",
            SK1 + V1V2,
            "supportedModelFormats: [{name: xgboost, version: '1', autoSelect: true, priority:"
                + " 1}]\n"
                + V1V2),
        row(
            "no protocol in common",
            SK1 + "protocolVersions: [v1]\n",
            SK1 + "protocolVersions: [v2]\n"),
        row("existing runtime lists no protocol", SK1, SK1 + V1V2),
        row("added runtime lists no protocol", SK1 + V1V2, SK1),
        row(
            "existing does not auto-select",
            "supportedModelFormats: [{name: sklearn, version: '1', autoSelect: false, priority:"
                + " 1}]\n"
                + V1V2,
            SK1 + V1V2),
        row(
            "added does not auto-select",
            SK1 + V1V2,
            "supportedModelFormats: [{name: sklearn, version: '1', priority: 1}]\n" + V1V2),
        row(
            "no priority on either side",
            "supportedModelFormats: [{name: sklearn, autoSelect: true}]\n" + V1V2,
            "supportedModelFormats: [{name: sklearn, autoSelect: true}]\n" + V1V2),
        row("existing runtime disabled", SK1 + V1V2 + "disabled: true\n", SK1 + V1V2),
        row("added runtime disabled", SK1 + V1V2, SK1 + V1V2 + "disabled: true\n"),
        row("only one is multi-model", SK1 + V1V2 + "multiModel: true\n", SK1 + V1V2),
        row(
            "both multi-model",
            SK1 + V1V2 + "multiModel: true\n",
            SK1 + V1V2 + "multiModel: true\n",
            SAME),
        row("no other runtime", null, SK1 + V1V2),
        row(
            "one format name, two priorities",
            null,
            "supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 1}, {name:"
                + " sklearn, version: '2', autoSelect: true, priority: 2}]\n",
            "different priorities assigned for the model format sklearn under the servingruntime"
                + " added"),
        row(
            "one format name, one priority twice",
            null,
            "supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 1}, {name:"
                + " sklearn, version: '2', autoSelect: true, priority: 1}]\n"),
        row(
            "second entry not auto-selected",
            null,
            "supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 1}, {name:"
                + " sklearn, version: '2', priority: 2}]\n"),
        row(
            "PYTHONPATH in a container",
            null,
            "containers: [{name: kserve-container, image: x, env: [{name: PYTHONPATH, value:"
                + " /x}]}]\n",
            "the ServingRuntime \"added\" is invalid: setting PYTHONPATH in container"
                + " \"kserve-container\" is not allowed for security reasons"),
        row(
            "PYTHONPATH in a worker container",
            null,
            worker(
                "containers: [{name: worker-container, image: v, env: [{name: PYTHONPATH, value:"
                    + " /x}]}]"),
            "the ServingRuntime \"added\" is invalid: setting PYTHONPATH in container"
                + " \"worker-container\" is not allowed for security reasons"),
        row(
            "a valid multi-node runtime",
            null,
            worker("pipelineParallelSize: 2\ntensorParallelSize: 1")),
        row(
            "two worker containers",
            null,
            worker("containers: [{name: worker-container, image: a}, {name: b, image: b}]"),
            "the ServingRuntime added is invalid: setting multiple containers in workerSpec is not"
                + " allowed"),
        row(
            "pipelineParallelSize below 1",
            null,
            worker("pipelineParallelSize: 0"),
            "the ServingRuntime added is invalid: the WorkerSpec.PipelineParallelSize cannot be"
                + " less than 1(0)"),
        row(
            "tensorParallelSize below 1",
            null,
            worker("tensorParallelSize: -1"),
            "the ServingRuntime added is invalid: the WorkerSpec.TensorParallelSize cannot be less"
                + " than 1(-1)"),
        row(
            "TENSOR_PARALLEL_SIZE in the model server",
            null,
            "containers: [{name: kserve-container, image: x, env: [{name: TENSOR_PARALLEL_SIZE,"
                + " value: '2'}]}]\n"
                + "workerSpec: {containers: [{name: worker-container, image: v}]}\n",
            "the ServingRuntime added is invalid: setting TENSOR_PARALLEL_SIZE in environment"
                + " variables is not allowed"),
        row(
            "PIPELINE_PARALLEL_SIZE without workerSpec is fine",
            null,
            "containers: [{name: kserve-container, image: x, env: [{name: PIPELINE_PARALLEL_SIZE,"
                + " value: '2'}]}]\n"),
        row(
            "unknown GPU type in the worker",
            null,
            worker(
                "containers: [{name: worker-container, image: v, resources: {limits:"
                    + " {example.com/tpu: '1', cpu: '1'}}}]"),
            "the ServingRuntime added is invalid: unknown GPU resource type in a"
                + " container(worker-container)"),
        row(
            "known GPU types",
            null,
            "containers: [{name: kserve-container, image: x, resources: {limits: {nvidia.com/gpu:"
                + " '1'}, requests: {memory: 1Gi}}}]\n"
                + "workerSpec: {containers: [{name: worker-container, image: v, resources: {limits:"
                + " {amd.com/gpu: '1'}}}]}\n"),
        row(
            "a GPU type named in the annotation",
            null,
            "annotations: {serving.kserve.io/gpu-resource-types: '[\"example.com/tpu\"]'}\n"
                + "containers: [{name: kserve-container, image: x, resources: {limits:"
                + " {example.com/tpu: '1'}}}]\n"
                + "workerSpec: {containers: [{name: worker-container, image: v}]}\n"),
        row(
            "a GPU annotation that is not a JSON array",
            null,
            "annotations: {serving.kserve.io/gpu-resource-types: 'tpu'}\n" + worker(""),
            "the ServingRuntime added is invalid: invalid GPU format(tpu) for"
                + " serving.kserve.io/gpu-resource-types annotation: must be a valid JSON array"),
        row(
            "a disabled runtime is not checked at all",
            SK1 + V1V2,
            SK1
                + V1V2
                + "disabled: true\n"
                + "containers: [{name: kserve-container, image: x, env: [{name: PYTHONPATH, value:"
                + " /x}]}]\n"),
        row(
            "two problems at once",
            SK1 + V1V2,
            SK1
                + V1V2
                + "containers: [{name: kserve-container, image: x, env: [{name: PYTHONPATH, value:"
                + " /x}]}]\n",
            SAME,
            "the ServingRuntime \"added\" is invalid: setting PYTHONPATH in container"
                + " \"kserve-container\" is not allowed for security reasons"));
  }

  private static Arguments row(String what, String existing, String added, String... messages) {
    return Arguments.of(what, existing, added, List.of(messages));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namespacedRows")
  void servingRuntimes(String what, String existing, String added, List<String> messages) {
    List<ServingRuntime> others = existing == null ? List.of() : List.of(sr("existing", existing));

    ValidationResult result = validator.validate(sr("added", added), others);

    assertThat(result.errors()).extracting(FieldError::message).containsExactlyElementsOf(messages);
    assertThat(result.isValid()).isEqualTo(messages.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namespacedRows")
  void clusterServingRuntimesFollowTheSameRules(
      String what, String existing, String added, List<String> messages) {
    List<ClusterServingRuntime> others =
        existing == null ? List.of() : List.of(csr("existing", existing));

    ValidationResult result = validator.validate(csr("added", added), others);

    List<String> clusterMessages =
        messages.stream()
            .map(
                m ->
                    m.replace(
                            "in the servingruntimes existing and added in namespace ns",
                            "in the clusterservingruntimes existing and added")
                        .replace("under the servingruntime", "under the clusterservingruntime")
                        .replace("the ServingRuntime", "the ClusterServingRuntime"))
            .toList();
    assertThat(result.errors())
        .extracting(FieldError::message)
        .containsExactlyElementsOf(clusterMessages);
  }

  @Test
  void anUpdateIsNotComparedWithItsOwnStoredVersion() {
    ServingRuntime stored = sr("added", SK1 + V1V2);

    assertThat(
            validator.validate(sr("added", SK1 + V1V2 + "replicas: 2\n"), List.of(stored)).errors())
        .isEmpty();
  }

  @Test
  void anUpdateMayNotRemoveTheWorkerSpec() {
    ServingRuntime stored = sr("added", worker(""));

    ValidationResult result =
        validator.validate(
            sr("added", "containers: [{name: kserve-container, image: vllm}]\n"), List.of(stored));

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("spec.workerSpec");
              assertThat(e.message())
                  .isEqualTo(
                      "the ServingRuntime added is invalid: removing workerSpec where it already"
                          + " exists is not allowed");
            });
  }

  @Test
  void everyConflictingRuntimeIsNamedWithThePathOfTheFormat() {
    List<ServingRuntime> others =
        Arrays.asList(
            sr("a", SK1 + V1V2), sr("b", SK1 + V1V2), sr("c", SK1 + V1V2 + "disabled: true\n"));

    ValidationResult result =
        validator.validate(
            sr(
                "added",
                "supportedModelFormats: [{name: onnx, autoSelect: true, priority: 1},"
                    + " {name: sklearn, version: '1', autoSelect: true, priority: 1}]\n"
                    + V1V2),
            others);

    assertThat(result.errors())
        .extracting(FieldError::path, FieldError::value, FieldError::message)
        .containsExactly(
            tuple(
                "spec.supportedModelFormats[1].priority",
                1,
                "same priority assigned for the model format sklearn in the servingruntimes a and"
                    + " added in namespace ns"),
            tuple(
                "spec.supportedModelFormats[1].priority",
                1,
                "same priority assigned for the model format sklearn in the servingruntimes b and"
                    + " added in namespace ns"));
  }
}
