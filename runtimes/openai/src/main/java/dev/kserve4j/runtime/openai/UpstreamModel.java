package dev.kserve4j.runtime.openai;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import java.util.List;
import java.util.Optional;

/** A model whose OpenAI API requests the server forwards to {@link #openAiUpstream()}. */
final class UpstreamModel implements Model {
  private final String name;
  private final UpstreamConfig config;
  private final ModelMetadata metadata;

  UpstreamModel(ModelSpec spec, UpstreamConfig config) {
    this.name = spec.name();
    this.config = config;
    this.metadata =
        new ModelMetadata(
            spec.name(),
            spec.version() == null ? List.of() : List.of(spec.version()),
            "openai",
            List.of(),
            List.of());
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    throw KServeException.unimplemented(
        "model '"
            + name
            + "' is served by the OpenAI-compatible"
            + " engine at "
            + config.upstream().baseUrl()
            + " (expected requests to"
            + " /openai/v1/completions, /openai/v1/chat/completions or /openai/v1/embeddings)");
  }

  @Override
  public boolean batchable() {
    return false;
  }

  @Override
  public Optional<OpenAiUpstream> openAiUpstream() {
    return Optional.of(config.upstream());
  }

  @Override
  public void close() {
    // Nothing held: each request opens its own upstream call.
  }
}
