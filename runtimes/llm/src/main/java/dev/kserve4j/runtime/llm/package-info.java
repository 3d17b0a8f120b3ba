/**
 * Model formats {@code gguf} and {@code huggingface}: GGUF language models run by llama.cpp for
 * completions, chat and embeddings. Also writes a tiny deterministic GGUF model ({@code kserve4j
 * tiny-gguf}) for tests and demos.
 */
package dev.kserve4j.runtime.llm;
