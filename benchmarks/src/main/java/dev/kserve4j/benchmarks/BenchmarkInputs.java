package dev.kserve4j.benchmarks;

/** The input rows every benchmark client sends, so that all paths do the same work. */
final class BenchmarkInputs {
  private static final float[] IRIS_ROW = {6.8f, 2.8f, 4.8f, 1.4f};

  private BenchmarkInputs() {}

  /** {@code rows} rows of {@code features} values: the iris row repeated, cycled to the width. */
  static float[] rows(int rows, int features) {
    float[] out = new float[rows * features];
    for (int i = 0; i < out.length; i++) {
      out[i] = IRIS_ROW[(i % features) % IRIS_ROW.length];
    }
    return out;
  }

  /** The same values as a JSON array literal, for the REST bodies. */
  static String json(int rows, int features) {
    float[] v = rows(rows, features);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ",").append(v[i]);
    }
    return sb.append(']').toString();
  }
}
