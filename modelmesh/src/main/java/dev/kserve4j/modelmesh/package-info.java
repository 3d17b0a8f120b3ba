/**
 * Multi-model serving as KServe's ModelMesh, without Kubernetes: {@link
 * dev.kserve4j.modelmesh.ModelCache}, one instance's models under a memory budget, least recently
 * used out first, weighted by each model's measured size, never evicting a model in use.
 */
package dev.kserve4j.modelmesh;
