package dev.kserve4j.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tests need from the machine: Debian's Python with scikit-learn, and test models. */
final class TestPython {
  static final String SYSTEM_PYTHON = "/usr/bin/python3";

  private TestPython() {}

  /** Skips unless /usr/bin/python3 can import scikit-learn, joblib and pandas. */
  static void assumeSklearn() {
    Required.that(
        canImport(SYSTEM_PYTHON, "numpy", "sklearn", "joblib", "pandas"),
        SYSTEM_PYTHON
            + " cannot import numpy, sklearn, joblib and pandas (install Debian's"
            + " python3-sklearn, python3-joblib, python3-pandas)");
  }

  static boolean canImport(String python, String... modules) {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import " + String.join(", ", modules))
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** A hand-written model.py directory under src/test/resources/python-models. */
  static Path customModel(String name) {
    try {
      return Path.of(TestPython.class.getResource("/python-models/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tensor from its Open Inference Protocol JSON form. */
  static Tensor tensor(JsonNode node) {
    Datatype datatype = Datatype.valueOf(node.get("datatype").asText());
    long[] shape = new long[node.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = node.get("shape").get(i).asLong();
    }
    JsonNode data = node.get("data");
    Object array =
        switch (datatype) {
          case FP64 -> {
            double[] a = new double[data.size()];
            for (int i = 0; i < a.length; i++) {
              a[i] = data.get(i).asDouble();
            }
            yield a;
          }
          case FP32 -> {
            float[] a = new float[data.size()];
            for (int i = 0; i < a.length; i++) {
              a[i] = (float) data.get(i).asDouble();
            }
            yield a;
          }
          case INT64 -> {
            long[] a = new long[data.size()];
            for (int i = 0; i < a.length; i++) {
              a[i] = data.get(i).asLong();
            }
            yield a;
          }
          case BYTES -> {
            byte[][] a = new byte[data.size()][];
            for (int i = 0; i < a.length; i++) {
              a[i] = data.get(i).asText().getBytes(StandardCharsets.UTF_8);
            }
            yield a;
          }
          default -> throw new IllegalArgumentException("unexpected datatype " + datatype);
        };
    return new Tensor(node.get("name").asText(), datatype, shape, array);
  }

  static List<Tensor> tensors(JsonNode array) {
    List<Tensor> out = new ArrayList<>();
    array.forEach(n -> out.add(tensor(n)));
    return out;
  }

  static byte[][] strings(String... values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }
}
