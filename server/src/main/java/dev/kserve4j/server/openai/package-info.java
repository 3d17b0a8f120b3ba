/**
 * The OpenAI-compatible API for models that generate text ({@code completions}, {@code
 * chat/completions}, {@code embeddings}, {@code models}): generation on its own threads, streaming
 * as server-sent events, and forwarding to upstream engines.
 */
package dev.kserve4j.server.openai;
