/**
 * KServe's {@code serving.kserve.io/v1alpha1} resources as Java types: ServingRuntime,
 * ClusterServingRuntime, InferenceGraph and TrainedModel, with their specs and statuses. Field
 * names and shapes follow KServe's CRDs; fields a type does not declare are kept for the round
 * trip.
 */
package dev.kserve4j.api.v1alpha1;
