package dev.kserve4j.server.repository;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a served model so that an unload or reload never closes it under a running call: native
 * runtimes (ONNX Runtime) abort the whole process when a session is freed while it runs.
 *
 * <p>{@link #close()} waits for the calls in progress, at most {@code drainTimeout}; calls that
 * arrive after it began are answered 503. If the calls do not finish in time, the model is left
 * open (its native memory is leaked) rather than freed under them.
 */
final class DrainingModel implements Model {
  private static final Logger log = LoggerFactory.getLogger(DrainingModel.class);

  private final String name;
  private final Model delegate;
  private final Duration drainTimeout;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  DrainingModel(String name, Model delegate, Duration drainTimeout) {
    this.name = requireNonNull(name, "name");
    this.delegate = requireNonNull(delegate, "delegate");
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout");
  }

  @Override
  public ModelMetadata metadata() {
    return delegate.metadata();
  }

  @Override
  public InferResponse predict(InferRequest request) {
    return whileOpen(() -> delegate.predict(request));
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor() {
    return delegate
        .jsonPredictor()
        .map(own -> (body, headers) -> whileOpen(() -> own.predict(body, headers)));
  }

  @Override
  public Optional<TransformerStages> transformer() {
    return delegate
        .transformer()
        .map(
            own ->
                new TransformerStages() {
                  @Override
                  public JsonReply preprocess(Body request, Map<String, String> headers) {
                    return whileOpen(() -> own.preprocess(request, headers));
                  }

                  @Override
                  public JsonReply postprocess(
                      Body response, Body request, Map<String, String> headers) {
                    return whileOpen(() -> own.postprocess(response, request, headers));
                  }
                });
  }

  @Override
  public Optional<JsonPredictor> explainer() {
    return delegate
        .explainer()
        .map(own -> (body, headers) -> whileOpen(() -> own.predict(body, headers)));
  }

  /** Runs a call unless closing has begun; closing waits for it. */
  private <T> T whileOpen(Supplier<T> call) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw KServeException.unavailable(
            "model '"
                + name
                + "' was unloaded while the request waited (retry: a reloaded"
                + " model serves again)");
      }
      return call.get();
    } finally {
      lock.readLock().unlock();
    }
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
    closed = true;
    boolean drained;
    try {
      drained = lock.writeLock().tryLock(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    if (!drained) {
      log.warn(
          "model {}: calls still running after {}; leaving its runtime open", name, drainTimeout);
      return;
    }
    try {
      delegate.close();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
