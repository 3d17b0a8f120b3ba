/**
 * The text-generation side of the runtime SPI, as the OpenAI API calls it: {@link
 * dev.kserve4j.runtime.generate.TextGenerator} (completions, chat and embeddings, streamed token by
 * token) and {@link dev.kserve4j.runtime.generate.OpenAiUpstream} (requests forwarded to an
 * OpenAI-compatible engine).
 */
package dev.kserve4j.runtime.generate;
