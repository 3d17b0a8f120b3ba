package dev.kserve4j.runtime.xgboost;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an XGBoost model's JSON document ({@code Booster.save_model} schema, XGBoost {@code
 * doc/model.schema}) that decide how it predicts.
 *
 * @param booster {@code learner.gradient_booster.name}: {@code gbtree}, {@code dart} or {@code
 *     gblinear}
 * @param objective {@code learner.objective.name}, e.g. {@code multi:softprob}
 * @param numFeature {@code learner.learner_model_param.num_feature}
 * @param numClass {@code learner.learner_model_param.num_class} (0 for non-multiclass objectives)
 * @param numTarget {@code learner.learner_model_param.num_target} (1 unless multi-output)
 * @param baseScore {@code learner.learner_model_param.base_score}, in output (not margin) space
 */
record BoosterConfig(
    String booster,
    String objective,
    int numFeature,
    int numClass,
    int numTarget,
    float baseScore) {

  /** Reads the configuration from the parsed JSON model document. */
  static BoosterConfig of(JsonNode model) {
    JsonNode learner = model.path("learner");
    JsonNode param = learner.path("learner_model_param");
    return new BoosterConfig(
        learner.path("gradient_booster").path("name").asText(""),
        learner.path("objective").path("name").asText(""),
        param.path("num_feature").asInt(0),
        param.path("num_class").asInt(0),
        Math.max(1, param.path("num_target").asInt(1)),
        Float.parseFloat(param.path("base_score").asText("0.5").replaceAll("[\\[\\] ]", "")));
  }

  /**
   * Whether this is a tree booster ({@code gbtree}, {@code dart}): the only kind with in-place
   * prediction, and the only kind XGBoost documents prediction as thread-safe for (since 1.4).
   */
  boolean treeBooster() {
    return booster.equals("gbtree") || booster.equals("dart");
  }
}
