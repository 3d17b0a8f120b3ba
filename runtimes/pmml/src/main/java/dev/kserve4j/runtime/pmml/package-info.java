/**
 * Model format {@code pmml}: a PMML 3.x/4.x evaluator of its own (TreeModel, RegressionModel,
 * MiningModel segmentation, transformations and output fields), answering as KServe's pmmlserver
 * does.
 */
package dev.kserve4j.runtime.pmml;
