/**
 * KServe's {@code serving.kserve.io/v1beta1} InferenceService as Java types: the predictor,
 * transformer, explainer and canary specs with their autoscaling, batching and logging fields, and
 * the status KServe reports.
 */
package dev.kserve4j.api.v1beta1;
