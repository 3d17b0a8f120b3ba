/**
 * Knative's pod autoscaler (KPA) as a library, with no Kubernetes and no HTTP in it: {@link
 * dev.kserve4j.autoscaler.KpaSettings} (the settings, as KServe maps an InferenceService onto
 * them), {@link dev.kserve4j.autoscaler.MetricWindow} (Knative's per-second buckets), {@link
 * dev.kserve4j.autoscaler.KpaScaler} (the decision: stable and panic windows, rate limits, bounds,
 * scale to zero) driven by an injected clock, and {@link dev.kserve4j.autoscaler.ScalingLoop},
 * which reads a {@link dev.kserve4j.autoscaler.MetricSource} and applies decisions through a {@link
 * dev.kserve4j.autoscaler.ReplicaRealizer}.
 */
package dev.kserve4j.autoscaler;
