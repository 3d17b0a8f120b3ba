package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InferenceGraphValidatorTest {
  private final ResourceCodec codec = new ResourceCodec();
  private final InferenceGraphValidator validator = new InferenceGraphValidator();

  private InferenceGraph read(String name, String nodesYaml) {
    return codec.read(
        "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\nmetadata:\n  name: "
            + name
            + "\nspec:\n  nodes:\n"
            + nodesYaml.indent(4),
        "test",
        InferenceGraph.class);
  }

  static Stream<Arguments> validGraphs() {
    return Stream.of(
        Arguments.of(
            "root:\n"
                + "  routerType: Sequence\n"
                + "  steps: [{serviceName: a, name: a}, {serviceUrl: 'http://b', name: b, data:"
                + " $request}]\n"),
        Arguments.of(
            "root:\n"
                + "  routerType: Splitter\n"
                + "  steps: [{serviceName: a, weight: 80}, {nodeName: e, weight: 20}]\n"
                + "e:\n"
                + "  routerType: Ensemble\n"
                + "  steps: [{serviceName: c}, {serviceName: d}]\n"),
        Arguments.of(
            "root:\n"
                + "  routerType: Switch\n"
                + "  steps: [{serviceName: a, condition: '[@this].#(x==1)'}, {serviceName: b}]\n"));
  }

  @Test
  void nestingUpToTheLimitIsAccepted() {
    assertThat(validator.validate(read("g", chain(16))).errors()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validGraphs")
  void acceptsValidGraphs(String nodes) {
    assertThat(validator.validate(read("g", nodes)).errors()).isEmpty();
  }

  static Stream<Arguments> invalidGraphs() {
    String root = "root:\n  routerType: Sequence\n  steps: [{serviceName: a}]\n";
    return Stream.of(
        Arguments.of(
            "G_1",
            root,
            "metadata.name",
            "G_1",
            "a InferenceGraph name must consist of lower case"),
        Arguments.of(
            "g",
            "main:\n  routerType: Sequence\n  steps: [{serviceName: a}]\n",
            "spec.nodes",
            "[main]",
            "root node not found, InferenceGraph needs a node with name 'root' as the root node of"
                + " the graph"),
        Arguments.of(
            "g",
            "root:\n  steps: [{serviceName: a}]\n",
            "spec.nodes[root].routerType",
            null,
            "routerType is required"),
        Arguments.of(
            "g", "root:\n  routerType: Sequence\n", "spec.nodes[root].steps", null, "has no steps"),
        Arguments.of(
            "g",
            "root:\n"
                + "  routerType: Sequence\n"
                + "  steps: [{serviceName: a, name: s}, {serviceName: b, name: s}]\n",
            "spec.nodes[root].steps[1].name",
            "s",
            "Node \"root\" of InferenceGraph \"g\" contains more than one step with name \"s\""),
        Arguments.of(
            "g",
            "root:\n  routerType: Sequence\n  steps: [{name: x, data: $request}]\n",
            "spec.nodes[root].steps[0]",
            null,
            "Step 0 (\"x\") in node \"root\" of InferenceGraph \"g\" does not specify an inference"
                + " target"),
        Arguments.of(
            "g",
            "root:\n  routerType: Sequence\n  steps: [{serviceName: a, serviceUrl: 'http://a'}]\n",
            "spec.nodes[root].steps[0]",
            null,
            "specifies more than one of nodeName, serviceName, serviceUrl"),
        Arguments.of(
            "g",
            "root:\n  routerType: Sequence\n  steps: [{nodeName: missing}]\n",
            "spec.nodes[root].steps[0].nodeName",
            "missing",
            "no node named \"missing\" in the graph"),
        Arguments.of(
            "g",
            "root:\n"
                + "  routerType: Splitter\n"
                + "  steps: [{serviceName: a, weight: 50}, {serviceName: b}]\n",
            "spec.nodes[root].steps[1].weight",
            null,
            "InferenceGraph[g] Node[root] Route[b] missing the 'Weight'"),
        Arguments.of(
            "g",
            "root:\n"
                + "  routerType: Splitter\n"
                + "  steps: [{serviceName: a, weight: 50}, {serviceName: b, weight: 40}]\n",
            "spec.nodes[root].steps",
            90L,
            "InferenceGraph[g] Node[root] splitter node: the sum of traffic weights for all routing"
                + " targets should be 100"),
        Arguments.of(
            "g",
            "root:\n  routerType: Sequence\n  steps: [{nodeName: a}]\n"
                + "a:\n  routerType: Sequence\n  steps: [{nodeName: b, name: back}]\n"
                + "b:\n  routerType: Switch\n  steps: [{serviceName: s}, {nodeName: a}]\n",
            "spec.nodes[b].steps[1].nodeName",
            "a",
            "Step 1 (\"\") in node \"b\" of InferenceGraph \"g\" forms a cycle through nodeName:"
                + " a -> b -> a"),
        Arguments.of(
            "g",
            "root:\n  routerType: Sequence\n  steps: [{nodeName: root}]\n",
            "spec.nodes[root].steps[0].nodeName",
            "root",
            "forms a cycle through nodeName: root -> root"),
        Arguments.of("g", chain(17), "spec.nodes", null, "nests nodes 17 deep through nodeName"),
        Arguments.of(
            "g",
            "root:\n  routerType: Switch\n  steps: [{serviceName: a, name: s, condition:"
                + " 'predictions.#(label==\"dog\"'}]\n",
            "spec.nodes[root].steps[0].condition",
            "predictions.#(label==\"dog\"",
            "Step 0 (\"s\") in node \"root\" of InferenceGraph \"g\" has a condition that is not"
                + " valid GJSON: invalid GJSON path \"predictions.#(label==\"dog\"\" at position"
                + " 13: unbalanced '('"));
  }

  /** A graph whose nodes call each other in a chain {@code n} deep. */
  private static String chain(int n) {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String name = i == 0 ? "root" : "n" + i;
      String step = i == n - 1 ? "{serviceName: s}" : "{nodeName: n" + (i + 1) + "}";
      nodes.append(name).append(":\n  routerType: Sequence\n  steps: [").append(step).append("]\n");
    }
    return nodes.toString();
  }

  @ParameterizedTest
  @MethodSource("invalidGraphs")
  void rejectsEachRuleWithPathValueAndMessage(
      String name, String nodes, String path, Object value, String message) {
    ValidationResult result = validator.validate(read(name, nodes));

    assertThat(result.errors())
        .anySatisfy(
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.value() == null ? null : e.value().toString())
                  .isEqualTo(value == null ? null : value.toString());
              assertThat(e.message()).contains(message);
            });
  }

  @Test
  void yamlGraphWithSeveralProblemsReportsThemAllAtOnce() {
    InferenceGraph graph =
        read(
            "pipeline",
            """
            start:
              routerType: Splitter
              steps:
                - serviceName: a
                  weight: 70
                - serviceName: b
                  serviceUrl: http://b
                  weight: 20
            """);

    assertThat(validator.validate(graph).errors())
        .extracting(FieldError::path)
        .containsExactly("spec.nodes", "spec.nodes[start].steps[1]", "spec.nodes[start].steps");
  }
}
