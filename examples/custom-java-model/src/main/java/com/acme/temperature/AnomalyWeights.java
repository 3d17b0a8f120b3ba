package com.acme.temperature;

import dev.kserve4j.runtime.ModelLoadException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The parameters of the anomaly model, read from {@code weights.properties} in the model directory
 * (see the comments in that file for the formula).
 *
 * @param meanCelsius the middle of the sensor's normal range, in degrees Celsius
 * @param stdCelsius the spread of normal readings, in degrees Celsius (> 0)
 * @param weightZ the weight of the standardized deviation z
 * @param weightZ2 the weight of z squared
 * @param bias the intercept
 * @param threshold the score from which a reading is an anomaly, in (0, 1)
 */
public record AnomalyWeights(
    double meanCelsius,
    double stdCelsius,
    double weightZ,
    double weightZ2,
    double bias,
    double threshold) {

  /** The file name inside the model directory. */
  public static final String FILE = "weights.properties";

  /** Reads {@link #FILE} from {@code directory}, naming the file and key of any bad value. */
  public static AnomalyWeights read(Path directory) {
    Path file = directory.resolve(FILE);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e, e);
    }
    AnomalyWeights w =
        new AnomalyWeights(
            number(p, file, "mean.celsius"),
            number(p, file, "std.celsius"),
            number(p, file, "weight.z"),
            number(p, file, "weight.z2"),
            number(p, file, "bias"),
            number(p, file, "threshold"));
    if (!(w.stdCelsius > 0)) {
      throw new ModelLoadException(file + ": std.celsius=" + w.stdCelsius + " (expected > 0)");
    }
    if (!(w.threshold > 0 && w.threshold < 1)) {
      throw new ModelLoadException(file + ": threshold=" + w.threshold + " (expected 0 < t < 1)");
    }
    return w;
  }

  /** The anomaly score of a reading, from 0 (normal) to 1 (anomalous). */
  public double score(double celsius) {
    double z = (celsius - meanCelsius) / stdCelsius;
    return 1 / (1 + Math.exp(-(weightZ * z + weightZ2 * z * z + bias)));
  }

  private static double number(Properties p, Path file, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new ModelLoadException(file + ": " + key + " is missing (expected a number)");
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ModelLoadException(file + ": " + key + "=" + v + " (expected a number)", e);
    }
  }
}
