/**
 * Model format {@code xgboost}: XGBoost boosters (JSON, UBJSON or the legacy binary format) run by
 * xgboost4j, or by a Java tree evaluator when it matches xgboost4j on probe rows at load.
 */
package dev.kserve4j.runtime.xgboost;
