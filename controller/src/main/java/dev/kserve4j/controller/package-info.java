/**
 * The Kubernetes operator: reconcilers for InferenceServices (Standard and Knative modes),
 * InferenceGraphs and TrainedModels that render the objects KServe creates, apply only what changed
 * and write KServe's status. Renderers are pure; the reconcilers do the cluster I/O, run by the
 * Java Operator SDK from {@link dev.kserve4j.controller.ControllerMain}.
 */
package dev.kserve4j.controller;
