package dev.kserve4j.runtime.python;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.python.internal.FrameCodec;
import dev.kserve4j.runtime.python.internal.InterpreterLocator;
import dev.kserve4j.runtime.python.internal.WorkerFiles;
import dev.kserve4j.runtime.python.internal.WorkerLaunch;
import dev.kserve4j.runtime.python.internal.WorkerPool;
import dev.kserve4j.runtime.python.internal.WorkerReady;
import dev.kserve4j.runtime.python.internal.WorkerReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model served by a pool of Python worker processes: the server keeps protocols, batching and
 * metrics; each request is validated here, framed as raw tensor bytes and run by an idle worker.
 *
 * <p>A custom model ({@code model.py}) also answers KServe V1 bodies itself ({@link
 * #jsonPredictor()}): the body reaches its preprocess/predict/postprocess as the parsed JSON, as
 * KServe's Python server passes it, and what it returns is the response body. A {@code model.py}
 * with its own preprocess or postprocess and no predict of its own is a transformer too ({@link
 * #transformer()}: each stage runs alone on a worker), and one with {@code explain} an explainer
 * ({@link #explainer()}).
 *
 * <p>Errors: a request the model rejects is INVALID_INPUT (400); an exception in the model is
 * MODEL_FAILURE (500) (on the JSON path: the status and body KServe gives that exception); a worker
 * that crashes or exceeds {@code timeoutSeconds} fails only the request it was serving with
 * UNAVAILABLE (503) and is replaced, so later requests and other models are unaffected.
 */
public final class PythonModel implements Model {
  private final String name;
  private final ModelMetadata metadata;
  private final boolean batchable;
  private final PythonInputValidator validator;
  private final WorkerPool pool;
  private final WorkerFiles files;
  private final Optional<JsonPredictor> jsonPredictor;
  private final Optional<TransformerStages> transformer;
  private final Optional<JsonPredictor> explainer;

  private PythonModel(
      String name,
      ModelMetadata metadata,
      boolean batchable,
      PythonInputValidator validator,
      WorkerPool pool,
      WorkerFiles files,
      boolean readsJson,
      WorkerReady ready) {
    this.name = name;
    this.metadata = metadata;
    this.batchable = batchable;
    this.validator = validator;
    this.pool = pool;
    this.files = files;
    this.jsonPredictor = readsJson ? Optional.of(this::predictJson) : Optional.empty();
    this.transformer =
        ready.has(WorkerReady.TRANSFORMER) ? Optional.of(new Stages()) : Optional.empty();
    this.explainer =
        ready.has(WorkerReady.EXPLAINER)
            ? Optional.of(
                (body, headers) -> jsonCall(FrameCodec.OP_EXPLAIN, FrameCodec.V1, body, headers))
            : Optional.empty();
  }

  /**
   * Finds an interpreter, starts the workers and waits until each has loaded the model from {@code
   * spec}'s directory, whose model file the provider has already found.
   */
  static PythonModel load(
      ModelSpec spec, PythonFormat format, String platform, Map<String, String> environment) {
    requireNonNull(spec, "spec");
    PythonWorkerConfig config = PythonWorkerConfig.from(spec, environment);
    Path dir = spec.directory();
    WorkerFiles files = WorkerFiles.extract();
    try {
      InterpreterLocator.Result python =
          new InterpreterLocator(environment.get("PATH"))
              .locate(
                  config.python(),
                  format.requiredModules(),
                  format.optionalModules(),
                  format.modelScript(dir),
                  files.probe());
      if (python.error() != null) {
        throw ModelLoadException.of(spec.name(), dir, python.error(), null);
      }
      WorkerLaunch launch =
          new WorkerLaunch(
              spec.name(),
              python.python(),
              files,
              format.format(),
              dir,
              config.method(),
              config.predictorHost(),
              config.predictorProtocol());
      WorkerPool pool =
          new WorkerPool(
              launch,
              config.workers(),
              config.timeout(),
              config.loadTimeout(),
              config.healthCheck());
      WorkerReady ready = pool.start();
      if (ready.error() != null) {
        throw ModelLoadException.of(spec.name(), dir, python.python() + ": " + ready.error(), null);
      }
      List<String> versions = spec.version() == null ? List.of() : List.of(spec.version());
      ModelMetadata metadata =
          new ModelMetadata(spec.name(), versions, platform, ready.inputs(), ready.outputs());
      return new PythonModel(
          spec.name(),
          metadata,
          ready.batchable(),
          new PythonInputValidator(format, ready.inputs()),
          pool,
          files,
          format == PythonFormat.CUSTOM,
          ready);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    validator.validate(request.inputs());
    return InferResponse.of(
        name, ok(FrameCodec.reply(pool.call(FrameCodec.infer(request)))).outputs());
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor() {
    return jsonPredictor;
  }

  private JsonReply predictJson(byte[] body, Map<String, String> headers) {
    return ok(FrameCodec.jsonReply(pool.call(FrameCodec.json(body, headers)))).json();
  }

  @Override
  public Optional<TransformerStages> transformer() {
    return transformer;
  }

  @Override
  public Optional<JsonPredictor> explainer() {
    return explainer;
  }

  private JsonReply jsonCall(byte op, byte protocol, byte[] body, Map<String, String> headers) {
    return ok(FrameCodec.jsonReply(pool.call(FrameCodec.json(op, protocol, body, headers)))).json();
  }

  private static byte protocol(TransformerStages.Body body) {
    return body.protocol() == TransformerStages.Protocol.V2 ? FrameCodec.V2 : FrameCodec.V1;
  }

  /** The model.py's own preprocess and postprocess, each run alone on a worker. */
  private final class Stages implements TransformerStages {
    @Override
    public JsonReply preprocess(Body request, Map<String, String> headers) {
      return jsonCall(FrameCodec.OP_PREPROCESS, protocol(request), request.bytes(), headers);
    }

    @Override
    public JsonReply postprocess(Body response, Body request, Map<String, String> headers) {
      return jsonCall(FrameCodec.OP_POSTPROCESS, protocol(response), response.bytes(), headers);
    }
  }

  private WorkerReply ok(WorkerReply reply) {
    return switch (reply.status()) {
      case WorkerReply.OK -> reply;
      case WorkerReply.INVALID_INPUT -> throw KServeException.invalidInput(reply.message());
      default ->
          throw KServeException.modelFailure(
              "model '" + name + "': the Python model failed: " + reply.message(), null);
    };
  }

  @Override
  public boolean batchable() {
    return batchable;
  }

  /** The process ids of the live workers (changes when a worker is replaced). */
  public List<Long> workerPids() {
    return pool.pids();
  }

  @Override
  public void close() {
    pool.close();
    files.close();
  }
}
