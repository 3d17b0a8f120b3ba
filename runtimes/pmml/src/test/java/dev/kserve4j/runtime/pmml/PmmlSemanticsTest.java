package dev.kserve4j.runtime.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PMML 4.4 semantics on small hand-written documents whose results follow by hand. */
class PmmlSemanticsTest {
  private static final String COLORS =
      """
      <DataDictionary>
        <DataField name="label" optype="categorical" dataType="string">
          <Value value="A"/><Value value="B"/></DataField>
        <DataField name="y" optype="continuous" dataType="double"/>
        <DataField name="x" optype="continuous" dataType="double">
          <Interval closure="closedClosed" leftMargin="0" rightMargin="10"/></DataField>
        <DataField name="color" optype="categorical" dataType="string">
          <Value value="red"/><Value value="dark blue"/><Value value="green"/></DataField>
      </DataDictionary>
      """;

  @TempDir Path dir;

  @Test
  void transformationsAndMiningFieldTreatments() {
    // y = 1 + 2 * NormContinuous(x over [0, 10] -> [0, 1]) + 3 * [color = dark blue] + 0.5 * blue
    // An invalid x (outside the Interval) is treated as missing, and a missing x becomes 5.
    String doc =
        Documents.pmml(
            COLORS
                + """
                <TransformationDictionary>
                  <DerivedField name="nx" optype="continuous" dataType="double">
                    <NormContinuous field="x"><LinearNorm orig="0" norm="0"/>
                      <LinearNorm orig="10" norm="1"/></NormContinuous></DerivedField>
                  <DerivedField name="blue" optype="continuous" dataType="double">
                    <MapValues outputColumn="out" dataType="double" defaultValue="0">
                      <FieldColumnPair field="color" column="in"/>
                      <InlineTable><row><in>dark blue</in><out>1</out></row></InlineTable>
                    </MapValues></DerivedField>
                </TransformationDictionary>
                <RegressionModel functionName="regression">
                  <MiningSchema><MiningField name="y" usageType="target"/>
                    <MiningField name="x" missingValueReplacement="5" invalidValueTreatment="asMissing"/>
                    <MiningField name="color"/></MiningSchema>
                  <RegressionTable intercept="1"><NumericPredictor name="nx" coefficient="2"/>
                    <CategoricalPredictor name="color" value="dark blue" coefficient="3"/>
                    <NumericPredictor name="blue" coefficient="0.5"/></RegressionTable>
                </RegressionModel>\
                """);
    try (Model model = Documents.load(dir, doc)) {
      assertThat(model.metadata().inputs().get(0).datatype()).isEqualTo(Datatype.BYTES);
      InferResponse response =
          model.predict(
              new InferRequest(
                  null,
                  "m",
                  null,
                  List.of(
                      Tensor.ofDoubles("x", new long[] {3}, new double[] {2.5, 20, Double.NaN}),
                      strings("color", "dark blue", "red", "green")),
                  null,
                  null));
      assertThat(response.outputs()).extracting(Tensor::name).containsExactly("y");
      assertThat(response.outputs().get(0).doubles()).containsExactly(5.0, 2.0, 2.0);
    }
  }

  @Test
  void setPredicatesDefaultChildAndInvalidCategories() {
    String doc =
        Documents.pmml(
            COLORS
                + """
                <TreeModel functionName="classification" missingValueStrategy="defaultChild">
                  <MiningSchema><MiningField name="label" usageType="target"/>
                    <MiningField name="color"/></MiningSchema>
                  <Output><OutputField name="node" feature="entityId"/>
                    <OutputField name="p" feature="probability"/></Output>
                  <Node id="0" defaultChild="2"><True/>
                    <Node id="1" score="A"><SimpleSetPredicate field="color" booleanOperator="isIn">
                      <Array type="string" n="2">red "dark blue"</Array></SimpleSetPredicate></Node>
                    <Node id="2" score="B"><SimplePredicate field="color" operator="equal" value="green"/>
                      <ScoreDistribution value="A" recordCount="1"/>
                      <ScoreDistribution value="B" recordCount="3"/></Node>
                  </Node>
                </TreeModel>\
                """);
    try (Model model = Documents.load(dir, doc)) {
      InferResponse response = model.predict("m", column("color", "dark blue", "green", ""));
      assertThat(texts(response.output("label").orElseThrow())).containsExactly("A", "B", "B");
      assertThat(texts(response.output("node").orElseThrow())).containsExactly("1", "2", "2");
      assertThat(response.output("p").orElseThrow().doubles()).containsExactly(0.0, 0.75, 0.75);
      assertThatThrownBy(() -> model.predict("m", column("color", "purple")))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessage(
              "input 'color' row 0, field 'color' (categorical string): value 'purple' is"
                  + " invalid (expected one of [red, dark blue, green])");
    }
  }

  @Test
  void outOfIntervalValueIsRejectedByDefault() {
    String doc =
        Documents.pmml(
            COLORS
                + """
                <RegressionModel functionName="regression">
                  <MiningSchema><MiningField name="x"/></MiningSchema>
                  <RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/>
                  </RegressionTable></RegressionModel>\
                """);
    try (Model model = Documents.load(dir, doc)) {
      assertThatThrownBy(
              () ->
                  model.predict(
                      "m", Tensor.ofDoubles("input-0", new long[] {2, 1}, new double[] {3, 11})))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessage(
              "input 'input-0' row 1 column 0, field 'x' (continuous double): value 11.0"
                  + " is invalid (expected a double in [[0.0, 10.0]])");
    }
  }

  @Test
  void majorityVoteAndSelectFirst() {
    String leaf =
        "<Segment weight=\"%s\"><True/><TreeModel functionName=\"classification\">"
            + "<MiningSchema><MiningField name=\"label\" usageType=\"target\"/></MiningSchema>"
            + "<Node score=\"%s\"><True/></Node></TreeModel></Segment>";
    String output =
        "<Output><OutputField name=\"pA\" feature=\"probability\" value=\"A\"/>" + "</Output>";
    for (String[] c :
        new String[][] {
          {"majorityVote", "A", "0.6666666666666666"},
          {"weightedMajorityVote", "B", "0.25"},
          {"selectFirst", "A", "0.0"}
        }) {
      String doc =
          Documents.pmml(
              COLORS
                  + "<MiningModel functionName=\"classification\">"
                  + "<MiningSchema><MiningField name=\"label\" usageType=\"target\"/>"
                  + "<MiningField name=\"x\"/></MiningSchema>"
                  + output
                  + "<Segmentation multipleModelMethod=\""
                  + c[0]
                  + "\">"
                  + leaf.formatted(1, "A")
                  + leaf.formatted(6, "B")
                  + leaf.formatted(1, "A")
                  + "</Segmentation></MiningModel>");
      try (Model model = Documents.load(dir, doc)) {
        InferResponse response =
            model.predict("m", Tensor.ofDoubles("input-0", new long[] {1}, new double[] {1}));
        assertThat(texts(response.output("label").orElseThrow())).as(c[0]).containsExactly(c[1]);
        assertThat(response.output("pA").orElseThrow().doubles())
            .as(c[0])
            .containsExactly(Double.parseDouble(c[2]));
      }
    }
  }

  private static Tensor column(String name, String... values) {
    Tensor t = strings(name, values);
    return new Tensor(name, Datatype.BYTES, new long[] {values.length, 1}, t.bytes());
  }

  private static Tensor strings(String name, String... values) {
    byte[][] data = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      data[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return new Tensor(name, Datatype.BYTES, new long[] {values.length}, data);
  }

  private static List<String> texts(Tensor t) {
    return java.util.Arrays.stream(t.bytes())
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .toList();
  }
}
