package dev.kserve4j.runtime.llm;

import java.util.Arrays;

/**
 * The weights of {@link TinyGguf}, drawn in a fixed order from one {@link SplitMix64}. Matrices are
 * row-major with one row per output, as ggml multiplies them.
 */
final class TinyWeights {
  /** Output-matrix bias (times the constant residual dimension 0) of tokens never to generate. */
  private static final float FORBIDDEN = -20f;

  /** A small preference for whole word pieces, so that output reads as words. */
  private static final float WORD = 0.6f;

  private final SplitMix64 random;
  private final TinyVocabulary vocab;

  TinyWeights(SplitMix64 random, TinyVocabulary vocab) {
    this.random = random;
    this.vocab = vocab;
  }

  /** One row of {@code WIDTH} per token; dimension 0 is the constant 1. */
  float[] tokenEmbedding() {
    float[] w = uniform(vocab.size() * TinyGguf.WIDTH, 0.5f);
    for (int t = 0; t < vocab.size(); t++) {
      w[t * TinyGguf.WIDTH] = 1f;
    }
    return w;
  }

  /** One row of {@code WIDTH} per token; column 0 is the token's bias. */
  float[] output() {
    float[] w = uniform(vocab.size() * TinyGguf.WIDTH, 0.5f);
    for (int t = 0; t < vocab.size(); t++) {
      w[t * TinyGguf.WIDTH] = !vocab.isText(t) ? FORBIDDEN : vocab.isWordPiece(t) ? WORD : 0f;
    }
    return w;
  }

  /**
   * A {@code rows x cols} matrix scaled by {@code 1/sqrt(cols)}; when {@code intoResidual}, row 0
   * (what the layer adds to residual dimension 0) is zero so that dimension stays constant.
   */
  float[] matrix(int rows, int cols, boolean intoResidual) {
    float[] w = uniform(rows * cols, (float) (1.0 / Math.sqrt(cols)));
    if (intoResidual) {
      Arrays.fill(w, 0, cols, 0f);
    }
    return w;
  }

  float[] ones(int n) {
    float[] w = new float[n];
    Arrays.fill(w, 1f);
    return w;
  }

  private float[] uniform(int n, float scale) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = random.nextSymmetric() * scale;
    }
    return w;
  }
}
