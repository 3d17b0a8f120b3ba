package dev.kserve4j.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.util.Optional;

/** Wraps a runtime's model to record predict time and rows per call. */
public final class MeteredModel implements Model {
  private final String name;
  private final Model delegate;
  private final InferenceMetrics metrics;

  public MeteredModel(String name, Model delegate, InferenceMetrics metrics) {
    this.name = requireNonNull(name, "name");
    this.delegate = requireNonNull(delegate, "delegate");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public ModelMetadata metadata() {
    return delegate.metadata();
  }

  @Override
  public InferResponse predict(InferRequest request) {
    long start = System.nanoTime();
    try {
      return delegate.predict(request);
    } finally {
      metrics.recordPredict(name, System.nanoTime() - start);
      if (!request.inputs().isEmpty()) {
        metrics.recordBatch(name, request.inputs().get(0).batchSize());
      }
    }
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor() {
    return delegate
        .jsonPredictor()
        .map(
            own ->
                (body, headers) -> {
                  long start = System.nanoTime();
                  try {
                    return own.predict(body, headers);
                  } finally {
                    metrics.recordPredict(name, System.nanoTime() - start);
                  }
                });
  }

  @Override
  public Optional<TransformerStages> transformer() {
    return delegate.transformer();
  }

  @Override
  public Optional<JsonPredictor> explainer() {
    return delegate.explainer();
  }

  @Override
  public Optional<OpenAiUpstream> openAiUpstream() {
    return delegate.openAiUpstream();
  }

  @Override
  public Optional<TextGenerator> textGenerator() {
    return delegate.textGenerator();
  }

  @Override
  public V1Predictions v1Predictions() {
    return delegate.v1Predictions();
  }

  @Override
  public boolean batchable() {
    return delegate.batchable();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
