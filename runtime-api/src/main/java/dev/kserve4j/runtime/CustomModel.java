package dev.kserve4j.runtime;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import java.util.Map;

/**
 * The base class of a model written in Java by its user, with KServe's model lifecycle made
 * explicit: {@link #load}, then for every request {@link #preprocess}, {@link #predict} and {@link
 * #postprocess} (chained by {@link #infer}), {@link #metadata} for the metadata endpoints and
 * {@link #close} at the end; {@link #explain} for KServe's explainer. It is the Java counterpart of
 * a {@code kserve.Model} subclass in KServe's Python SDK.
 *
 * <p>A subclass needs a public no-arg constructor; the {@code custom} runtime creates it from its
 * class name ({@code kserve4j serve --model-class com.acme.MyModel --classpath my.jar}) in a class
 * loader of its own whose parent holds this API, so a user jar needs nothing but this module, at
 * {@code provided} scope.
 *
 * <p>Threads: {@code load} runs once, on the thread loading the model, before any other call.
 * {@code infer} (and so the three steps) runs on several threads at once, the server's worker
 * threads or, for calls measured to take a few microseconds, the thread that decoded the request;
 * keep state read-only after {@code load}. {@code close} runs once, after the last call finished.
 *
 * <p>Errors: a request that does not fit throws {@link
 * dev.kserve4j.common.KServeException#invalidInput} with a message naming the input, the value
 * found and what was expected; clients get it with HTTP 400 (gRPC {@code INVALID_ARGUMENT}). Any
 * other exception is answered 500 with its message; the model keeps serving either way. A failed
 * {@code load} should throw {@link ModelLoadException} naming the file and the reason; the server
 * then refuses to serve the model.
 */
public abstract class CustomModel {
  /**
   * The option of format {@code custom} naming the subclass to load, e.g. {@code com.acme.MyModel}
   * ({@code serve --model-class}).
   */
  public static final String MODEL_CLASS_OPTION = "modelClass";

  /**
   * The option of format {@code custom} listing its jars and class directories, joined by the path
   * separator ({@code serve --classpath}).
   */
  public static final String CLASSPATH_OPTION = "classpath";

  /**
   * Reads the model's files and options; called once before any request.
   *
   * @param spec the served name and version, the model directory (an empty directory when none was
   *     given) and the runtime options, including {@code modelClass} and {@code classpath}
   */
  public abstract void load(ModelSpec spec);

  /**
   * Turns the request as received into what {@link #predict} takes: parses strings, scales
   * features, checks shapes. The default returns the request unchanged.
   */
  public InferRequest preprocess(InferRequest request) {
    return request;
  }

  /** Runs the model on a preprocessed request; returns every output the model produces. */
  public abstract InferResponse predict(InferRequest request);

  /**
   * Turns the model's raw outputs into the answer clients get, e.g. maps scores to labels. The
   * default returns the response unchanged.
   *
   * @param response what {@link #predict} returned
   * @param request the request as received, before {@link #preprocess}
   */
  public InferResponse postprocess(InferResponse response, InferRequest request) {
    return response;
  }

  /**
   * The inputs clients send and the outputs they get (after pre- and postprocessing); the server
   * replaces the name and versions with the served ones. V1 requests are decoded into one tensor
   * named and typed as the first input; V1 responses hold the first output.
   */
  public abstract ModelMetadata metadata();

  /**
   * Explains a request, as KServe's {@code explain(payload, headers)}: a class that defines it is
   * an explainer, answering V1 {@code POST /v1/models/{name}:explain}. It typically asks {@code
   * predictor} about the request and variations of it (perturbed features, masked pixels) and
   * reports what changed the answer.
   *
   * <p>The body is decoded as for V1 {@code :predict}: {@code instances} into one tensor named and
   * typed as the first declared input of {@link #metadata}. The value returned is the answer's JSON
   * body: an {@link InferResponse} is written as V1 {@code predictions}; anything else (maps,
   * lists, records, arrays, strings, numbers) as Jackson writes it. Errors as for {@link #predict};
   * a {@link Predictor.PredictorException} left uncaught answers with the predictor's status and
   * message.
   *
   * <p>Runs on the server's worker threads, several at once; it may block on the predictor.
   *
   * @param request the request's {@code instances} as a tensor
   * @param headers the request headers, names in lower case
   * @param predictor the model's predictor ({@code --predictor-host}), or this model's own {@link
   *     #infer} when it has none; calls carry this request's id and trace context
   * @return the explanation
   */
  public Object explain(InferRequest request, Map<String, String> headers, Predictor predictor) {
    throw KServeException.unimplemented(
        getClass().getName() + " does not define explain (it is no explainer)");
  }

  /** How KServe's V1 {@code "predictions"} show the outputs; see {@link Model#v1Predictions()}. */
  public V1Predictions v1Predictions() {
    return V1Predictions.FIRST_OUTPUT;
  }

  /**
   * Whether the server may merge requests along dimension 0 of every input and split the answer
   * along dimension 0 of every output, for dynamic batching. Off by default: turn it on when every
   * step treats rows independently.
   */
  public boolean batchable() {
    return false;
  }

  /** Releases what {@link #load} acquired; the default does nothing. */
  public void close() {}

  /**
   * Runs one request through the whole lifecycle: {@code postprocess(predict(preprocess(r)), r)}.
   * This is what the server calls; tests of a subclass can call it too.
   */
  public final InferResponse infer(InferRequest request) {
    requireNonNull(request, "request");
    InferRequest prepared = requireNonNull(preprocess(request), "preprocess returned null");
    InferResponse raw = requireNonNull(predict(prepared), "predict returned null");
    return requireNonNull(postprocess(raw, request), "postprocess returned null");
  }
}
