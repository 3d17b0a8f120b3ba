package dev.kserve4j.runtime.xgboost;

import java.util.Optional;

/**
 * How an XGBoost objective turns summed leaf values (margins) into predictions, for the objectives
 * the Java evaluator covers. Mirrors XGBoost's {@code ObjFunction::ProbToMargin} (applied to {@code
 * base_score}) and {@code PredTransform}, in float arithmetic like XGBoost's CPU predictor.
 */
enum Objective {
  /**
   * Squared-error style regression, ranking and {@code binary:logitraw}: the margin is the
   * prediction, and base_score is a margin (XGBoost 2.1 keeps logitraw's base_score unmapped).
   */
  IDENTITY,
  /** Logistic objectives: base_score is a probability, predictions go through the sigmoid. */
  LOGISTIC,
  /** Poisson, gamma and Tweedie regression: log link, predictions are {@code exp(margin)}. */
  LOG_LINK,
  /** {@code multi:softprob}: one margin per class, softmax across them. */
  SOFTPROB,
  /** {@code multi:softmax}: one margin per class, the index of the largest as a float. */
  SOFTMAX;

  /** The objective for XGBoost's name, or empty when the evaluator does not cover it. */
  static Optional<Objective> of(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "reg:squarederror",
              "reg:squaredlogerror",
              "reg:pseudohubererror",
              "reg:absoluteerror",
              "rank:pairwise",
              "rank:ndcg",
              "rank:map",
              "binary:logitraw" ->
              IDENTITY;
          case "reg:logistic", "binary:logistic" -> LOGISTIC;
          case "count:poisson", "reg:gamma", "reg:tweedie" -> LOG_LINK;
          case "multi:softprob" -> SOFTPROB;
          case "multi:softmax" -> SOFTMAX;
          default -> null;
        });
  }

  /** The starting margin of every group for {@code baseScore} (in prediction space). */
  float baseMargin(float baseScore) {
    return switch (this) {
      case LOGISTIC -> (float) -Math.log(1.0f / baseScore - 1.0f);
      case LOG_LINK -> (float) Math.log(baseScore);
      case IDENTITY, SOFTPROB, SOFTMAX -> baseScore;
    };
  }

  /** Values per row in the output for {@code groups} margins per row. */
  int width(int groups) {
    return this == SOFTMAX ? 1 : groups;
  }

  /** Transforms the {@code groups} margins at {@code margins[from..]} into {@code out[to..]}. */
  void transform(float[] margins, int from, int groups, float[] out, int to) {
    switch (this) {
      case IDENTITY -> System.arraycopy(margins, from, out, to, groups);
      case LOGISTIC -> {
        for (int g = 0; g < groups; g++) {
          out[to + g] = 1.0f / (1.0f + (float) Math.exp(-margins[from + g]));
        }
      }
      case LOG_LINK -> {
        for (int g = 0; g < groups; g++) {
          out[to + g] = (float) Math.exp(margins[from + g]);
        }
      }
      case SOFTPROB -> softmax(margins, from, groups, out, to);
      case SOFTMAX -> out[to] = argmax(margins, from, groups);
    }
  }

  private static void softmax(float[] margins, int from, int groups, float[] out, int to) {
    float max = margins[from];
    for (int g = 1; g < groups; g++) {
      max = Math.max(max, margins[from + g]);
    }
    float sum = 0;
    for (int g = 0; g < groups; g++) {
      float e = (float) Math.exp(margins[from + g] - max);
      out[to + g] = e;
      sum += e;
    }
    for (int g = 0; g < groups; g++) {
      out[to + g] /= sum;
    }
  }

  /** The first index of the largest margin, as XGBoost's {@code std::max_element}. */
  private static float argmax(float[] margins, int from, int groups) {
    int best = 0;
    for (int g = 1; g < groups; g++) {
      if (margins[from + g] > margins[from + best]) {
        best = g;
      }
    }
    return best;
  }
}
