/**
 * KServe's transformer and explainer in the data plane: {@link
 * dev.kserve4j.server.transform.PredictorLink} (how a transformer reaches its predictor; {@link
 * dev.kserve4j.server.transform.HttpPredictorLink} over V1, V2 REST or V2 gRPC), {@link
 * dev.kserve4j.server.transform.PredictorLinks} (the link of each served model) and {@link
 * dev.kserve4j.server.transform.TransformerChain} (preprocess, predictor, postprocess, with errors
 * naming the component that failed).
 */
package dev.kserve4j.server.transform;
