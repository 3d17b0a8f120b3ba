/**
 * InferenceGraphs: the executor that runs a graph's nodes (Sequence, Switch, Ensemble, Splitter)
 * over a {@code StepInvoker}, so that the same executor runs with in-process steps (embedded) and
 * HTTP steps (the {@code kserve4j router} process).
 */
package dev.kserve4j.router;
