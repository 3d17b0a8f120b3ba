/**
 * Planning an InferenceService, shared by the embedded control plane and the operator: KServe's
 * defaulting and validation, runtime selection, the runtime container merged with the predictor's,
 * and each component's names, hosts, storage and scaling. Pure: no I/O and no cluster access.
 */
package dev.kserve4j.plan;
