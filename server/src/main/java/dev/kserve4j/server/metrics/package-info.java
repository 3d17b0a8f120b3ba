/**
 * Prometheus metrics on {@code /metrics}: per-model request, predict and text-generation metrics,
 * recorded by wrappers around the data plane and the models.
 */
package dev.kserve4j.server.metrics;
