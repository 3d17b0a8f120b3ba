/**
 * KServe's InferenceService status as one pure computation shared by both hosts: the embedded
 * control plane and the operator describe what they observed per component ({@link
 * dev.kserve4j.plan.status.ComponentObservation}) and {@link
 * dev.kserve4j.plan.status.InferenceServiceStatusComputer} writes the conditions, revisions,
 * traffic, canary statuses and model status as KServe's controller does.
 */
package dev.kserve4j.plan.status;
