package dev.kserve4j.server.transform;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.TransformerStages.Body;
import dev.kserve4j.server.DataPlane;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transformer's request path, as KServe's transformer runs it: the model's preprocess on the
 * client's request, its predictor through the model's {@link PredictorLink}, the model's
 * postprocess on the predictor's answer. Only for a model with {@link TransformerStages} and a
 * link.
 *
 * <p>Answers: a preprocess that answers other than 2xx is the client's answer and the predictor is
 * not called. The predictor's error keeps its status; its message is prefixed with the component
 * ({@code predictor at HOST: ...}), and a 4xx also names the transformer whose output the predictor
 * refused. A predictor that cannot be reached is 502, one that does not answer in time 504. The
 * request id ({@code x-request-id}) and trace context ({@code traceparent}, {@code tracestate},
 * {@code x-b3-traceid}) go to the predictor.
 */
public final class TransformerChain {
  /** The client headers the predictor gets. */
  public static final List<String> FORWARDED_HEADERS = TransformerStages.FORWARDED_HEADERS;

  private final DataPlane dataPlane;
  private final PredictorLinks links;
  private final Executor executor;

  /** Per model, the chains in progress (preprocess to postprocess). */
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

  /**
   * @param dataPlane the served models
   * @param links the predictor of each transformer
   * @param executor where the stages run (they may block)
   */
  public TransformerChain(DataPlane dataPlane, PredictorLinks links, Executor executor) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.links = requireNonNull(links, "links");
    this.executor = requireNonNull(executor, "executor");
  }

  /** Whether {@code model} is a transformer with a predictor to call. */
  public boolean applies(String model) {
    return links.find(model).isPresent() && dataPlane.transformer(model).isPresent();
  }

  /**
   * Runs {@code model} as a transformer on a request body, or answers empty when the model is no
   * transformer or has no predictor to call (then it answers by itself). Throws as the data plane
   * does for an unknown model (NOT_FOUND) or one that is not loaded (UNAVAILABLE). The future fails
   * only when a stage cannot run at all (a worker that crashed or timed out).
   *
   * @param protocol the protocol of {@code body}, the one the client used
   * @param headers the client's headers, names in lower case
   */
  public Optional<CompletableFuture<JsonReply>> run(
      String model, TransformerStages.Protocol protocol, byte[] body, Map<String, String> headers) {
    Optional<PredictorLink> link = links.find(model);
    if (link.isEmpty()) {
      return Optional.empty();
    }
    Optional<TransformerStages> stages = dataPlane.transformer(model);
    if (stages.isEmpty()) {
      return Optional.empty();
    }
    Body request = new Body(protocol, body);
    AtomicInteger count = running.computeIfAbsent(model, m -> new AtomicInteger());
    count.incrementAndGet();
    return Optional.of(
        dataPlane
            .dispatch(model, () -> stages.get().preprocess(request, headers), executor)
            .thenCompose(
                pre -> {
                  if (pre.status() / 100 != 2) {
                    return CompletableFuture.completedFuture(pre);
                  }
                  return predict(model, link.get(), pre, headers)
                      .thenCompose(
                          answer ->
                              answer.status() / 100 != 2
                                  ? CompletableFuture.completedFuture(answer)
                                  : dataPlane.dispatch(
                                      model,
                                      () ->
                                          stages
                                              .get()
                                              .postprocess(
                                                  new Body(link.get().protocol(), answer.body()),
                                                  request,
                                                  headers),
                                      executor));
                })
            .whenComplete((answer, failure) -> count.decrementAndGet()));
  }

  /**
   * How many requests run through {@code model}'s chain now, from preprocess to postprocess: a host
   * that replaces a transformer unloads the old one once this is 0, since the stages of one request
   * are separate calls of the model.
   */
  public int running(String model) {
    AtomicInteger count = running.get(model);
    return count == null ? 0 : count.get();
  }

  private static CompletableFuture<JsonReply> predict(
      String model, PredictorLink link, JsonReply pre, Map<String, String> headers) {
    Map<String, String> sent = new LinkedHashMap<>();
    for (String name : FORWARDED_HEADERS) {
      String value = headers.get(name);
      if (value != null) {
        sent.put(name, value);
      }
    }
    return link.call(model, pre.body(), sent)
        .handle(
            (answer, failure) -> {
              if (failure != null) {
                Throwable t = failure.getCause() != null ? failure.getCause() : failure;
                if (t instanceof PredictorLink.PredictorUnreachable u) {
                  return error(u.status(), u.getMessage());
                }
                return error(502, link.name() + ": " + t);
              }
              if (answer.status() / 100 == 2) {
                return answer;
              }
              String message = message(answer);
              if (answer.status() / 100 == 4) {
                return error(
                    answer.status(),
                    link.name()
                        + " could not read what transformer '"
                        + model
                        + "' sent it (its preprocess output): "
                        + message);
              }
              return error(answer.status(), link.name() + ": " + message);
            });
  }

  /**
   * The message of an error answer: the {@code error} (or FastAPI's {@code detail}) of a JSON body,
   * else the body itself.
   */
  public static String message(JsonReply answer) {
    String text = V2MetadataCodec.errorMessage(answer.body());
    return text.isBlank() ? "HTTP " + answer.status() : text;
  }

  private static JsonReply error(int status, String message) {
    return JsonReply.json(status, V2MetadataCodec.error(message));
  }
}
