package dev.kserve4j.runtime.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PMML documents written from fitted scikit-learn models (testing/fixtures/generate_pmml.py) give
 * what scikit-learn gives for the same rows, output by output, within the stated tolerance.
 */
class PmmlGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {"iris-pmml-tree", "iris-pmml-logistic", "iris-pmml-forest", "iris-pmml-gbm-chain"})
  void predictsLikeScikitLearn(String fixture) throws Exception {
    Path dir = TestModels.directory(fixture);
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    double tolerance = expected.path("tolerance").asDouble();
    JsonNode in = expected.path("inputs").get(0);
    double[] data = new double[in.path("data").size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = in.path("data").get(i).asDouble();
    }
    long[] shape = {in.path("shape").get(0).asLong(), in.path("shape").get(1).asLong()};

    try (Model model = new PmmlRuntimeProvider().load(new ModelSpec(fixture, dir))) {
      InferResponse response = model.predict(fixture, Tensor.ofDoubles("input-0", shape, data));

      JsonNode outputs = expected.path("outputs");
      assertThat(response.outputs()).hasSize(outputs.size());
      assertThat(model.metadata().outputs()).hasSize(outputs.size());
      for (int o = 0; o < outputs.size(); o++) {
        JsonNode want = outputs.get(o);
        Tensor got = response.outputs().get(o);
        assertThat(got.name()).isEqualTo(want.path("name").asText());
        assertThat(got.datatype().name()).isEqualTo(want.path("datatype").asText());
        assertThat(model.metadata().outputs().get(o).datatype()).isEqualTo(got.datatype());
        assertThat(got.shape()).containsExactly(shape[0]);
        for (int r = 0; r < shape[0]; r++) {
          JsonNode value = want.path("data").get(r);
          String where = fixture + " " + got.name() + " row " + r;
          switch (got.datatype()) {
            case BYTES ->
                assertThat(new String(got.bytes()[r], StandardCharsets.UTF_8))
                    .as(where)
                    .isEqualTo(value.asText());
            case INT64 -> assertThat(got.longs()[r]).as(where).isEqualTo(value.asLong());
            default ->
                assertThat(got.doubles()[r])
                    .as(where)
                    .isCloseTo(value.asDouble(), within(tolerance));
          }
        }
      }
      assertThat(model.metadata().inputs().get(0).datatype()).isEqualTo(Datatype.FP64);
      assertThat(model.metadata().inputs().get(0).shape()).containsExactly(-1, 4);
    }
  }
}
