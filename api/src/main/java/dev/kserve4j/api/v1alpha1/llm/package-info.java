/**
 * KServe's {@code serving.kserve.io/v1alpha1} LLMInferenceService as Java types: the model, its
 * decode and prefill workloads and parallelism, routing (Gateways, HTTPRoutes, Ingress, the
 * InferencePool scheduler) and scaling (WVA through an HPA or KEDA).
 */
package dev.kserve4j.api.v1alpha1.llm;
