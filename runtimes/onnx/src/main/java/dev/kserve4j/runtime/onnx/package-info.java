/**
 * Model format {@code onnx}: ONNX models run by ONNX Runtime, with metadata read from the graph and
 * inputs checked before the native call.
 */
package dev.kserve4j.runtime.onnx;
