/**
 * The embedded control plane behind {@code kserve4j up}: applies InferenceServices (and single-node
 * GGUF LLMInferenceServices) to the in-process model server, routes requests to them and records
 * KServe's status. Also the loopback admin API that {@code apply}, {@code get} and {@code delete}
 * call, and the watch that re-applies changed manifest files.
 */
package dev.kserve4j.local;
