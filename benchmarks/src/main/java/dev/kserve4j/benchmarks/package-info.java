/**
 * Benchmark clients and baselines: request bodies for the REST and gRPC load runs, in-process
 * predict latency, and LLM generation throughput and time to first token, straight through
 * llama.cpp or through the server. Driven by {@code benchmarks/run}; nothing depends on this
 * module.
 */
package dev.kserve4j.benchmarks;
