package dev.kserve4j.runtime.generate;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * An OpenAI-compatible engine a model's requests are forwarded to as they are (vLLM, a llama.cpp
 * server, another kserve4j): the server sends the client's {@code completions}, {@code
 * chat/completions} and {@code embeddings} bodies to it with {@code model} replaced by {@link
 * #model()}, and streams the answer back unbuffered. A runtime exposes it through {@link
 * dev.kserve4j.runtime.Model#openAiUpstream()}.
 *
 * @param baseUrl the upstream's API root, e.g. {@code http://127.0.0.1:8000/v1}; request paths
 *     ({@code /chat/completions}, ...) are appended to it
 * @param model the model name the upstream serves (OpenAI's {@code model} field sent upstream)
 * @param timeout the longest a response may take to start and then pause between chunks
 * @param apiKey sent as {@code Authorization: Bearer}, or null
 */
public record OpenAiUpstream(URI baseUrl, String model, Duration timeout, String apiKey) {
  public OpenAiUpstream {
    requireNonNull(baseUrl, "baseUrl");
    requireNonNull(model, "model");
    requireNonNull(timeout, "timeout");
  }
}
