package dev.kserve4j.runtime.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.io.Reader;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The example model of {@code examples/custom-java-model}, loaded from its built jar through the
 * runtime's own class loader (the example is not on this module's class path), answers through the
 * runtime interface as its weights say it should.
 */
class ExampleModelTest {
  static final Path EXAMPLE =
      Path.of(System.getProperty("kserve4j.repoRoot", "../.."), "examples", "custom-java-model");
  static final Path JAR = EXAMPLE.resolve("target/custom-java-model.jar");
  static final String CLASS = "com.acme.temperature.TemperatureAnomalyModel";

  static Model loadExample() {
    assertThat(JAR).as("the example's jar (built before this module)").isRegularFile();
    return new CustomRuntimeProvider()
        .load(
            new ModelSpec(
                "temperature",
                null,
                EXAMPLE.resolve("model"),
                Map.of("modelClass", CLASS, "classpath", JAR.toString())));
  }

  /** The score the weights file defines, computed here from the file alone. */
  static double expectedScore(Properties w, double celsius) {
    double z = (celsius - number(w, "mean.celsius")) / number(w, "std.celsius");
    return 1
        / (1
            + Math.exp(
                -(number(w, "weight.z") * z + number(w, "weight.z2") * z * z + number(w, "bias"))));
  }

  static double number(Properties w, String key) {
    return Double.parseDouble(w.getProperty(key));
  }

  @Test
  void exampleFromItsJarPredictsWhatItsWeightsDefine() throws IOException {
    Properties weights = new Properties();
    try (Reader r = Files.newBufferedReader(EXAMPLE.resolve("model/weights.properties"))) {
      weights.load(r);
    }
    String[] readings = {"21.5C", "98.6F", "273.15K", "-40F", "19.2 C"};
    double[] celsius = {21.5, 37.0, 0.0, -40.0, 19.2};
    byte[][] data =
        Arrays.stream(readings).map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

    try (Model model = loadExample()) {
      assertThat(model.getClass().getClassLoader()).isSameAs(getClass().getClassLoader());
      assertThat(model.metadata().inputs())
          .containsExactly(new TensorMetadata("reading", Datatype.BYTES, new long[] {-1}));
      assertThat(model.batchable()).isTrue();

      InferResponse r =
          model.predict(
              InferRequest.of(
                  "temperature",
                  new Tensor("reading", Datatype.BYTES, new long[] {readings.length}, data)));

      float[] scores = r.output("score").orElseThrow().floats();
      byte[][] labels = r.output("label").orElseThrow().bytes();
      assertThat(r.outputs().get(0).name()).isEqualTo("label");
      for (int i = 0; i < readings.length; i++) {
        double want = expectedScore(weights, celsius[i]);
        assertThat((double) scores[i]).as("score of %s", readings[i]).isCloseTo(want, within(1e-6));
        assertThat(new String(labels[i], StandardCharsets.UTF_8))
            .as("label of %s", readings[i])
            .isEqualTo(want >= number(weights, "threshold") ? "anomaly" : "normal");
      }
      assertThat(new String(labels[0], StandardCharsets.UTF_8)).isEqualTo("normal");
      assertThat(new String(labels[1], StandardCharsets.UTF_8)).isEqualTo("anomaly");
    }
  }

  @Test
  void exampleClassComesFromItsOwnLoaderWhichClosesWithTheModel() {
    Model model = loadExample();
    ClassLoader loader = ((UserModel) model).userClass().getClassLoader();

    assertThat(loader).isInstanceOf(URLClassLoader.class).isNotSameAs(getClass().getClassLoader());
    assertThat(loader.getResource("com/acme/temperature/Reading.class")).isNotNull();
    model.close();
    assertThat(loader.getResource("com/acme/temperature/Reading.class")).isNull();
  }
}
