/**
 * Reading and writing KServe's resources: {@link dev.kserve4j.api.ResourceCodec} turns YAML or JSON
 * (one or many documents, or a {@code kind: List}) into typed resources by {@code apiVersion} and
 * {@code kind}, and back, keeping the fields a type does not declare. The types themselves are in
 * {@code v1beta1} and {@code v1alpha1}, their webhook checks in {@code validation}.
 */
package dev.kserve4j.api;
