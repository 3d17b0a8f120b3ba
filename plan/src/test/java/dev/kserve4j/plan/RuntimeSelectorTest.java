package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.v1alpha1.ServingRuntimeSpec;
import dev.kserve4j.api.v1alpha1.SupportedModelFormat;
import dev.kserve4j.api.v1beta1.ModelFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runtime selection, table-driven: each row is a situation and the runtime KServe would pick. */
class RuntimeSelectorTest {
  private static final Instant OLD = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant NEW = Instant.parse("2026-01-01T00:00:00Z");

  static RuntimeCandidate rt(
      String name,
      boolean cluster,
      Instant created,
      List<ProtocolVersion> protocols,
      Boolean disabled,
      Boolean multiModel,
      SupportedModelFormat... formats) {
    ServingRuntimeSpec spec = new ServingRuntimeSpec();
    spec.setSupportedModelFormats(Arrays.asList(formats));
    spec.setProtocolVersions(protocols);
    spec.setDisabled(disabled);
    spec.setMultiModel(multiModel);
    return new RuntimeCandidate(name, cluster, created, spec);
  }

  static SupportedModelFormat auto(String name, String version, Integer priority) {
    return new SupportedModelFormat(name, version, true, priority);
  }

  static SupportedModelFormat manual(String name) {
    return new SupportedModelFormat(name, null, false, null);
  }

  static final List<ProtocolVersion> V1_V2 = List.of(ProtocolVersion.V1, ProtocolVersion.V2);
  static final List<ProtocolVersion> V2_GRPC = List.of(ProtocolVersion.V2, ProtocolVersion.GRPC_V2);

  record Case(
      String what,
      ModelFormat format,
      String runtime,
      ProtocolVersion protocol,
      List<RuntimeCandidate> namespaced,
      List<RuntimeCandidate> cluster,
      String expected) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Case> cases() {
    RuntimeCandidate sklearnCluster =
        rt("kserve-sklearnserver", true, OLD, V1_V2, null, null, auto("sklearn", "1", null));
    RuntimeCandidate mlserverCluster =
        rt(
            "kserve-mlserver",
            true,
            OLD,
            V2_GRPC,
            null,
            null,
            auto("sklearn", "1", null),
            auto("xgboost", "1", null),
            manual("lightgbm"));
    return Stream.of(
        new Case(
            "the only auto-select runtime for the format",
            new ModelFormat("sklearn", null),
            null,
            null,
            List.of(),
            List.of(sklearnCluster, mlserverCluster),
            "kserve-sklearnserver"),
        new Case(
            "protocol v2 skips runtimes without it",
            new ModelFormat("sklearn", null),
            null,
            ProtocolVersion.V2,
            List.of(),
            List.of(
                rt(
                    "v1-only",
                    true,
                    NEW,
                    List.of(ProtocolVersion.V1),
                    null,
                    null,
                    auto("sklearn", null, null)),
                mlserverCluster),
            "kserve-mlserver"),
        new Case(
            "unset protocol means v1",
            new ModelFormat("xgboost", null),
            null,
            null,
            List.of(),
            List.of(mlserverCluster),
            "none"),
        new Case(
            "formats without autoSelect are never chosen automatically",
            new ModelFormat("lightgbm", null),
            null,
            ProtocolVersion.V2,
            List.of(),
            List.of(mlserverCluster),
            "none"),
        new Case(
            "a named runtime may serve a non-auto-select format",
            new ModelFormat("lightgbm", null),
            "kserve-mlserver",
            ProtocolVersion.V2,
            List.of(),
            List.of(mlserverCluster),
            "kserve-mlserver"),
        new Case(
            "higher priority wins within a scope",
            new ModelFormat("sklearn", null),
            null,
            ProtocolVersion.V2,
            List.of(),
            List.of(
                rt("low", true, NEW, V1_V2, null, null, auto("sklearn", null, 1)),
                rt("high", true, OLD, V1_V2, null, null, auto("sklearn", null, 2))),
            "high"),
        new Case(
            "a runtime with a priority beats one without",
            new ModelFormat("sklearn", null),
            null,
            null,
            List.of(),
            List.of(
                rt("none", true, NEW, V1_V2, null, null, auto("sklearn", null, null)),
                rt("some", true, OLD, V1_V2, null, null, auto("sklearn", null, 1))),
            "some"),
        new Case(
            "namespace runtimes come before cluster runtimes whatever the priority",
            new ModelFormat("sklearn", null),
            null,
            null,
            List.of(rt("mine", false, OLD, V1_V2, null, null, auto("sklearn", null, 1))),
            List.of(rt("cluster", true, NEW, V1_V2, null, null, auto("sklearn", null, 99))),
            "mine"),
        new Case(
            "disabled runtimes are skipped",
            new ModelFormat("sklearn", null),
            null,
            null,
            List.of(rt("off", false, NEW, V1_V2, true, null, auto("sklearn", null, 9))),
            List.of(sklearnCluster),
            "kserve-sklearnserver"),
        new Case(
            "multi-model runtimes are skipped",
            new ModelFormat("sklearn", null),
            null,
            null,
            List.of(rt("mm", false, NEW, V1_V2, null, true, auto("sklearn", null, 9))),
            List.of(sklearnCluster),
            "kserve-sklearnserver"),
        new Case(
            "a versioned model needs a runtime listing that version",
            new ModelFormat("sklearn", "2"),
            null,
            null,
            List.of(),
            List.of(
                sklearnCluster,
                rt("sk2", true, OLD, V1_V2, null, null, auto("sklearn", "2", null))),
            "sk2"),
        new Case(
            "an unversioned model matches a versioned runtime by name",
            new ModelFormat("sklearn", null),
            null,
            null,
            List.of(),
            List.of(rt("sk2", true, OLD, V1_V2, null, null, auto("sklearn", "2", null))),
            "sk2"),
        new Case(
            "equal priority: lower protocol first, then newest, then name",
            new ModelFormat("onnx", null),
            null,
            ProtocolVersion.V2,
            List.of(),
            List.of(
                rt("b-new", true, NEW, V2_GRPC, null, null, auto("onnx", null, null)),
                rt("a-old", true, OLD, V2_GRPC, null, null, auto("onnx", null, null)),
                rt("v1-first", true, OLD, V1_V2, null, null, auto("onnx", null, null))),
            "v1-first"),
        new Case(
            "newest first among the same protocols",
            new ModelFormat("onnx", null),
            null,
            ProtocolVersion.V2,
            List.of(),
            List.of(
                rt("a-old", true, OLD, V2_GRPC, null, null, auto("onnx", null, null)),
                rt("b-new", true, NEW, V2_GRPC, null, null, auto("onnx", null, null))),
            "b-new"),
        new Case(
            "a runtime without protocolVersions supports any protocol",
            new ModelFormat("onnx", null),
            null,
            ProtocolVersion.GRPC_V2,
            List.of(),
            List.of(rt("any", true, OLD, null, null, null, auto("onnx", null, null))),
            "any"),
        new Case(
            "a named namespace runtime shadows a cluster runtime of the same name",
            new ModelFormat("sklearn", null),
            "same",
            null,
            List.of(rt("same", false, OLD, V1_V2, null, null, manual("sklearn"))),
            List.of(rt("same", true, OLD, V1_V2, true, null, manual("sklearn"))),
            "same"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selects(Case c) {
    RuntimeSelection s =
        RuntimeSelector.select(c.format(), c.runtime(), c.protocol(), c.namespaced(), c.cluster());
    if (c.expected().equals("none")) {
      assertThat(s).isInstanceOf(RuntimeSelection.NoSupportingRuntime.class);
      RuntimeSelection.NoSupportingRuntime n = (RuntimeSelection.NoSupportingRuntime) s;
      assertThat(n.reason()).isEqualTo("NoSupportingRuntime");
      assertThat(n.message()).isEqualTo("No runtime found to support specified framework/version");
      assertThat(n.detail()).contains(RuntimeSelector.label(c.format()));
    } else {
      assertThat(s).isInstanceOf(RuntimeSelection.Selected.class);
      assertThat(((RuntimeSelection.Selected) s).runtime().name()).isEqualTo(c.expected());
    }
  }

  record Failure(
      String what,
      ModelFormat format,
      String runtime,
      ProtocolVersion protocol,
      List<RuntimeCandidate> runtimes,
      String message) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Failure> namedFailures() {
    return Stream.of(
        new Failure(
            "unknown name",
            new ModelFormat("sklearn", null),
            "nope",
            null,
            List.of(),
            "No ServingRuntimes or ClusterServingRuntimes with the name: nope"),
        new Failure(
            "disabled",
            new ModelFormat("sklearn", null),
            "off",
            null,
            List.of(rt("off", true, OLD, V1_V2, true, null, auto("sklearn", null, null))),
            "Specified runtime off is disabled"),
        new Failure(
            "wrong protocol",
            new ModelFormat("sklearn", null),
            "v1only",
            ProtocolVersion.GRPC_V2,
            List.of(
                rt(
                    "v1only",
                    true,
                    OLD,
                    List.of(ProtocolVersion.V1),
                    null,
                    null,
                    auto("sklearn", null, null))),
            "Specified runtime does not support specified protocol version"),
        new Failure(
            "wrong format",
            new ModelFormat("pmml", null),
            "sk",
            null,
            List.of(rt("sk", true, OLD, V1_V2, null, null, auto("sklearn", null, null))),
            "Specified runtime does not support specified framework/version"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedFailures")
  void namedRuntimeFailuresSayWhy(Failure f) {
    RuntimeSelection s =
        RuntimeSelector.select(f.format(), f.runtime(), f.protocol(), List.of(), f.runtimes());
    assertThat(s).isInstanceOf(RuntimeSelection.NoSupportingRuntime.class);
    assertThat(((RuntimeSelection.NoSupportingRuntime) s).message()).isEqualTo(f.message());
    assertThat(((RuntimeSelection.NoSupportingRuntime) s).reason())
        .isEqualTo("NoSupportingRuntime");
  }
}
