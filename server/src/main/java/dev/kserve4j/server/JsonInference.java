package dev.kserve4j.server;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v1.V1Codec;
import dev.kserve4j.protocol.v2.V2RequestCodec;
import dev.kserve4j.protocol.v2.V2ResponseCodec;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.server.http.HttpErrors;
import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.server.metrics.MeteredDataPlane;
import dev.kserve4j.server.metrics.RequestTimer;
import dev.kserve4j.server.transform.PredictorLinks;
import dev.kserve4j.server.transform.TransformerChain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * KServe's V1 {@code :predict} and the Open Inference Protocol's REST {@code infer} on request
 * bodies, without HTTP: the one implementation behind the REST routes, also called in-process (an
 * InferenceGraph step in the same process). An answer is what the route sends: its status, content
 * type, body and headers, failures included, with the status and body of {@link HttpErrors}; each
 * call is counted in the request metrics under its protocol ({@code v1}, {@code v2-rest}).
 *
 * <p>V1: a model with a {@link JsonPredictor} (a custom Python model) gets the body and headers as
 * they are, and its answer is sent as it is; for any other model the body is decoded into tensors
 * ({@code instances} or {@code inputs}) and answered with {@code predictions}.
 */
public final class JsonInference {
  /** The binary tensor data extension's header: length of the JSON part of the body. */
  public static final String HEADER_CONTENT_LENGTH = "inference-header-content-length";

  private static final TensorMetadata UNDECLARED_INPUT =
      new TensorMetadata("input-0", Datatype.FP64, new long[] {-1});

  private final DataPlane dataPlane;
  private final Executor executor;
  private final HttpErrors errors;
  private final InferenceMetrics metrics;
  private final TransformerChain transformers;
  private final DataPlane tensors;

  /**
   * A request body with its headers.
   *
   * @param body the body as received
   * @param headers the request headers; names are turned to lower case
   */
  public record Request(byte[] body, Map<String, String> headers) {
    public Request {
      requireNonNull(body, "body");
      Map<String, String> lower = new LinkedHashMap<>();
      requireNonNull(headers, "headers")
          .forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
      headers = Collections.unmodifiableMap(lower);
    }
  }

  /**
   * @param dataPlane the models
   * @param executor where calls that block (a model's own JSON predictor) run
   * @param errors how failures are answered
   * @param metrics where each call is counted
   */
  public JsonInference(
      DataPlane dataPlane, Executor executor, HttpErrors errors, InferenceMetrics metrics) {
    this(dataPlane, executor, errors, metrics, new PredictorLinks());
  }

  /**
   * As {@link #JsonInference(DataPlane, Executor, HttpErrors, InferenceMetrics)}, with models that
   * are transformers calling the predictors {@code links} gives them ({@link TransformerChain}).
   */
  public JsonInference(
      DataPlane dataPlane,
      Executor executor,
      HttpErrors errors,
      InferenceMetrics metrics,
      PredictorLinks links) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.executor = requireNonNull(executor, "executor");
    this.errors = requireNonNull(errors, "errors");
    this.metrics = requireNonNull(metrics, "metrics");
    this.transformers = new TransformerChain(dataPlane, links, executor);
    this.tensors = new MeteredDataPlane(dataPlane, metrics, "v2-grpc");
  }

  /**
   * Inference on a decoded request as gRPC {@code ModelInfer} runs it, for in-process callers that
   * hold one (a shadow mirror of gRPC requests): the data plane's answer of the repository model
   * the request names, counted in the request metrics under that model as {@code v2-grpc}. The
   * future fails as the data plane's does.
   */
  public CompletableFuture<InferResponse> tensorInfer(InferRequest request) {
    return tensors.infer(request);
  }

  /** The transformer chain these calls run for models that are transformers with a predictor. */
  public TransformerChain transformers() {
    return transformers;
  }

  /**
   * KServe V1 {@code POST /v1/models/{model}:predict}. The future never fails: a failure is an
   * answer with its error status.
   */
  public CompletableFuture<JsonReply> v1Predict(
      String model, byte[] body, Map<String, String> headers) {
    return v1Predict(model, CompletableFuture.completedFuture(new Request(body, headers)));
  }

  /**
   * As {@link #v1Predict(String, byte[], Map)} on a request still arriving: one that fails to
   * arrive (a body over the size limit) is answered and counted like any other failure.
   */
  public CompletableFuture<JsonReply> v1Predict(String model, CompletionStage<Request> request) {
    return v1Predict(model, model, request);
  }

  /**
   * As {@link #v1Predict(String, CompletionStage)} for a request calling {@code model} that the
   * repository model {@code served} answers (a revision of a rollout, a canary variant); the call
   * is counted under {@code model}.
   */
  public CompletableFuture<JsonReply> v1Predict(
      String model, String served, CompletionStage<Request> request) {
    RequestTimer timer = RequestTimer.start(metrics, model, "v1");
    return answered(timer, request.thenCompose(r -> v1(served, r)));
  }

  /**
   * The Open Inference Protocol's {@code POST /v2/models/{model}/infer} (JSON, or the binary tensor
   * data extension when the {@code inference-header-content-length} header is present). The future
   * never fails: a failure is an answer with its error status.
   */
  public CompletableFuture<JsonReply> v2Infer(
      String model, byte[] body, Map<String, String> headers) {
    return v2Infer(model, null, CompletableFuture.completedFuture(new Request(body, headers)));
  }

  /**
   * As {@link #v2Infer(String, byte[], Map)} for {@code version} (null for any) on a request still
   * arriving: one that fails to arrive is answered and counted like any other failure.
   */
  public CompletableFuture<JsonReply> v2Infer(
      String model, String version, CompletionStage<Request> request) {
    return v2Infer(model, model, version, request);
  }

  /**
   * As {@link #v2Infer(String, String, CompletionStage)} for a request calling {@code model} that
   * the repository model {@code served} answers; the answer names {@code model}, as the client
   * called it, and the call is counted under {@code model}.
   */
  public CompletableFuture<JsonReply> v2Infer(
      String model, String served, String version, CompletionStage<Request> request) {
    RequestTimer timer = RequestTimer.start(metrics, model, "v2-rest");
    return answered(
        timer,
        request.thenCompose(
            r -> {
              if (version == null) {
                Optional<CompletableFuture<JsonReply>> transformed = v2Transform(served, r);
                if (transformed.isPresent()) {
                  return transformed.get();
                }
              }
              InferRequest in = v2Decode(served, version, r);
              return dataPlane
                  .infer(in)
                  .thenApply(
                      out ->
                          v2Reply(
                              V2ResponseCodec.encode(
                                  served.equals(model)
                                      ? out
                                      : out.withIdentity(model, out.modelVersion(), out.id()),
                                  in)));
            }));
  }

  /**
   * KServe V1 {@code POST /v1/models/{model}:explain}: the model's explainer on the body, or 501
   * for a model without one. The future never fails: a failure is an answer with its error status.
   */
  public CompletableFuture<JsonReply> v1Explain(String model, CompletionStage<Request> request) {
    return v1Explain(model, model, request);
  }

  /**
   * As {@link #v1Explain(String, CompletionStage)} for a request calling {@code model} that the
   * repository model {@code served} answers; the call is counted under {@code model}.
   */
  public CompletableFuture<JsonReply> v1Explain(
      String model, String served, CompletionStage<Request> request) {
    RequestTimer timer = RequestTimer.start(metrics, model, "v1-explain");
    return answered(
        timer,
        request.thenCompose(
            r -> {
              JsonPredictor explainer =
                  dataPlane
                      .explainer(served)
                      .orElseThrow(
                          () ->
                              KServeException.unimplemented(
                                  "model '"
                                      + model
                                      + "' has no explainer (expected a model that explains,"
                                      + " e.g. a model.py whose class defines explain(payload,"
                                      + " headers)); use :predict"));
              return dataPlane.dispatch(
                  served, () -> explainer.predict(r.body(), r.headers()), executor);
            }));
  }

  /** A V2 request through the model's transformer stages, as JSON whatever form it came in. */
  private Optional<CompletableFuture<JsonReply>> v2Transform(String model, Request r) {
    if (!transformers.applies(model)) {
      return Optional.empty();
    }
    byte[] body = r.body();
    if (r.headers().containsKey(HEADER_CONTENT_LENGTH)) {
      body = V2RequestCodec.encode(v2Decode(model, null, r));
    }
    return transformers.run(model, TransformerStages.Protocol.V2, body, r.headers());
  }

  private CompletableFuture<JsonReply> v1(String model, Request r) {
    Optional<CompletableFuture<JsonReply>> transformed =
        transformers.run(model, TransformerStages.Protocol.V1, r.body(), r.headers());
    if (transformed.isPresent()) {
      return transformed.get();
    }
    Optional<JsonPredictor> own = dataPlane.jsonPredictor(model);
    if (own.isPresent()) {
      return dataPlane.dispatch(model, () -> own.get().predict(r.body(), r.headers()), executor);
    }
    ModelMetadata metadata = dataPlane.modelMetadata(model, null);
    // A model that declares no signature (scikit-learn) gets KServe's V1-to-V2 tensor:
    // "input-0", numbers as FP64, strings as BYTES.
    TensorMetadata input =
        metadata.inputs().isEmpty() ? UNDECLARED_INPUT : metadata.inputs().get(0);
    InferRequest in = V1Codec.decodePredict(model, r.body(), input);
    return dataPlane
        .infer(in)
        .thenApply(
            out ->
                JsonReply.json(
                    200, V1Codec.encodePredictions(out, dataPlane.v1Predictions(model))));
  }

  private CompletableFuture<JsonReply> answered(
      RequestTimer timer, CompletionStage<JsonReply> call) {
    return call.handle(
            (ok, failure) -> {
              JsonReply reply = failure == null ? ok : errors.reply(failure);
              timer.finish(reply.status());
              return reply;
            })
        .toCompletableFuture();
  }

  private static InferRequest v2Decode(String model, String version, Request r) {
    String header = r.headers().get(HEADER_CONTENT_LENGTH);
    int jsonLength = -1;
    if (header != null) {
      try {
        jsonLength = Integer.parseInt(header.trim());
      } catch (NumberFormatException e) {
        throw KServeException.invalidInput(
            "header Inference-Header-Content-Length: '"
                + header
                + "' (expected a non-negative integer)");
      }
      if (jsonLength < 0) {
        throw KServeException.invalidInput(
            "header Inference-Header-Content-Length: "
                + jsonLength
                + " (expected a non-negative integer)");
      }
    }
    return V2RequestCodec.decode(model, version, r.body(), jsonLength);
  }

  private static JsonReply v2Reply(V2ResponseCodec.Encoded encoded) {
    if (encoded.jsonLength() < 0) {
      return JsonReply.json(200, encoded.body());
    }
    return new JsonReply(
        200,
        "application/octet-stream",
        encoded.body(),
        Map.of(HEADER_CONTENT_LENGTH, Integer.toString(encoded.jsonLength())));
  }
}
