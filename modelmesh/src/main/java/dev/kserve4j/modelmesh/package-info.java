/**
 * Multi-model serving as KServe's ModelMesh, without Kubernetes: {@link
 * dev.kserve4j.modelmesh.ModelRegistry} (models and members on leases; {@link
 * dev.kserve4j.modelmesh.InMemoryRegistry} for one process), {@link
 * dev.kserve4j.modelmesh.Placement} (ModelMesh's placement order and second copies), {@link
 * dev.kserve4j.modelmesh.MeshInstance} (a member loading models on their first request) and {@link
 * dev.kserve4j.modelmesh.ModelCache}, one instance's models under a memory budget, least recently
 * used out first, weighted by each model's measured size, never evicting a model in use.
 */
package dev.kserve4j.modelmesh;
