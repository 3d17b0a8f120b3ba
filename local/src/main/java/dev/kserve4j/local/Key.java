package dev.kserve4j.local;

import dev.kserve4j.api.v1beta1.InferenceService;

/** An InferenceService's namespace and name, as the control plane keys what it deployed. */
record Key(String namespace, String name) {
  static Key of(InferenceService isvc) {
    if (isvc.getMetadata() == null
        || isvc.getMetadata().getName() == null
        || isvc.getMetadata().getName().isBlank()) {
      throw new IllegalArgumentException(
          "metadata.name: missing (expected the InferenceService's name)");
    }
    String namespace = isvc.getMetadata().getNamespace();
    return new Key(
        namespace == null || namespace.isBlank() ? "default" : namespace,
        isvc.getMetadata().getName());
  }
}
