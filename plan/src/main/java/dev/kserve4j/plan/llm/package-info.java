/**
 * Planning an LLMInferenceService: validation, the workloads, Service and routing objects KServe's
 * controller would create, and what of it embedded mode can run (one llama.cpp process serving one
 * GGUF file).
 */
package dev.kserve4j.plan.llm;
