package dev.kserve4j.runtime.pmml;

/** The algorithm of one model element (TreeModel, RegressionModel, MiningModel) for one row. */
@FunctionalInterface
interface Scorer {
  Prediction score(Scope scope);
}
