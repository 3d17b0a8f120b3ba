package dev.kserve4j.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import dev.kserve4j.server.DataPlane;
import dev.kserve4j.server.metrics.InferenceMetrics.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Records each inference's duration and outcome under one protocol label (used for gRPC, whose
 * front end only sees the data plane).
 */
public final class MeteredDataPlane implements DataPlane {
  private final DataPlane delegate;
  private final InferenceMetrics metrics;
  private final String protocol;

  public MeteredDataPlane(DataPlane delegate, InferenceMetrics metrics, String protocol) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.metrics = requireNonNull(metrics, "metrics");
    this.protocol = requireNonNull(protocol, "protocol");
  }

  @Override
  public CompletableFuture<InferResponse> infer(InferRequest request) {
    long start = System.nanoTime();
    return delegate
        .infer(request)
        .whenComplete(
            (r, t) ->
                metrics.recordRequest(
                    request.modelName(), protocol, outcome(t), System.nanoTime() - start));
  }

  private static Outcome outcome(Throwable t) {
    if (t == null) {
      return Outcome.SUCCESS;
    }
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof KServeException k
        && k.kind() != ErrorKind.MODEL_FAILURE
        && k.kind() != ErrorKind.UNAVAILABLE) {
      return Outcome.CLIENT_ERROR;
    }
    return Outcome.SERVER_ERROR;
  }

  @Override
  public boolean live() {
    return delegate.live();
  }

  @Override
  public boolean ready() {
    return delegate.ready();
  }

  @Override
  public ServerMetadata serverMetadata() {
    return delegate.serverMetadata();
  }

  @Override
  public boolean modelReady(String name, String version) {
    return delegate.modelReady(name, version);
  }

  @Override
  public V1Predictions v1Predictions(String name) {
    return delegate.v1Predictions(name);
  }

  @Override
  public ModelMetadata modelMetadata(String name, String version) {
    return delegate.modelMetadata(name, version);
  }

  @Override
  public List<RepositoryEntry> repositoryIndex(boolean readyOnly) {
    return delegate.repositoryIndex(readyOnly);
  }

  @Override
  public void load(String name) {
    delegate.load(name);
  }

  @Override
  public void unload(String name) {
    delegate.unload(name);
  }

  @Override
  public TextGenerator textGenerator(String name) {
    return delegate.textGenerator(name);
  }

  @Override
  public List<String> textGeneratorNames() {
    return delegate.textGeneratorNames();
  }

  @Override
  public <T> CompletableFuture<T> dispatch(
      String name, java.util.function.Supplier<T> call, java.util.concurrent.Executor executor) {
    return delegate.dispatch(name, call, executor);
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor(String name) {
    return delegate.jsonPredictor(name);
  }

  @Override
  public Optional<TransformerStages> transformer(String name) {
    return delegate.transformer(name);
  }

  @Override
  public Optional<JsonPredictor> explainer(String name) {
    return delegate.explainer(name);
  }

  @Override
  public Optional<OpenAiUpstream> openAiUpstream(String name) {
    return delegate.openAiUpstream(name);
  }
}
