package dev.kserve4j.server.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.openai.ChatCompletionRequest;
import dev.kserve4j.protocol.openai.ChatTurn;
import dev.kserve4j.protocol.openai.CompletionRequest;
import dev.kserve4j.protocol.openai.EmbeddingsRequest;
import dev.kserve4j.protocol.openai.InvalidParameterException;
import dev.kserve4j.protocol.openai.OpenAiRequestCodec;
import dev.kserve4j.protocol.openai.OpenAiResponseCodec;
import dev.kserve4j.protocol.openai.ResponseHead;
import dev.kserve4j.runtime.generate.ChatMessage;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import dev.kserve4j.server.DataPlane;
import dev.kserve4j.server.http.RoutePrefix;
import dev.kserve4j.server.http.ServiceRouting;
import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.server.metrics.InferenceMetrics.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * OpenAI's API for the models that generate text, under {@code /openai/v1/} as KServe's Hugging
 * Face server serves it and under {@code /v1/}: {@code POST completions}, {@code POST
 * chat/completions}, {@code POST embeddings} and {@code GET models}. On {@code /v1/}, {@code GET
 * models} is KServe V1's model list, which carries OpenAI's fields as well ({@link
 * #modelListWithKServe}).
 */
public final class OpenAiRestService {
  private static final ObjectMapper FORWARD_JSON = new ObjectMapper();

  /** {@code created} of the listed models: when this server process started. */
  private static final long STARTED =
      ProcessHandle.current().info().startInstant().map(Instant::getEpochSecond).orElse(0L);

  private final DataPlane dataPlane;
  private final GenerationExecutor executor;
  private final InferenceMetrics metrics;
  private final OpenAiErrors errors;
  private final Clock clock;
  private final UpstreamForwarder forwarder = new UpstreamForwarder();

  public OpenAiRestService(
      DataPlane dataPlane,
      GenerationExecutor executor,
      InferenceMetrics metrics,
      long maxRequestBytes,
      Clock clock) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.executor = requireNonNull(executor, "executor");
    this.metrics = requireNonNull(metrics, "metrics");
    this.errors = new OpenAiErrors(maxRequestBytes);
    this.clock = requireNonNull(clock, "clock");
  }

  /** Binds the routes under {@code /openai/v1} and {@code /v1} (all but V1's model list). */
  public void addTo(ServerBuilder sb) {
    for (String prefix : List.of("/openai/v1", "/v1")) {
      sb.route().post(prefix + "/completions").build(this::completions);
      sb.route().post(prefix + "/chat/completions").build(this::chat);
      sb.route().post(prefix + "/embeddings").build(this::embeddings);
    }
    sb.route()
        .get("/openai/v1/models")
        .build(
            (ctx, req) ->
                HttpResponse.of(
                    HttpStatus.OK,
                    MediaType.JSON,
                    OpenAiResponseCodec.models(dataPlane.textGeneratorNames(), STARTED)));
  }

  /**
   * Binds the generation routes under {@code prefix} + {@code /openai/v1} too, so that requests
   * routed by path to an InferenceService ({@code /serving/{namespace}/{name}/openai/v1/...}) reach
   * them; the model is named in the body.
   */
  public void addServingRoutes(ServerBuilder sb, RoutePrefix prefix) {
    String p = prefix.template() + "/openai/v1";
    sb.route().post(p + "/completions").build(this::completions);
    sb.route().post(p + "/chat/completions").build(this::chat);
    sb.route().post(p + "/embeddings").build(this::embeddings);
    sb.route()
        .get(p + "/models")
        .build(
            (ctx, req) ->
                HttpResponse.of(
                    HttpStatus.OK,
                    MediaType.JSON,
                    OpenAiResponseCodec.models(dataPlane.textGeneratorNames(), STARTED)));
  }

  /** KServe V1's {@code {"models": [...]}} merged with OpenAI's list of the generating models. */
  public static byte[] modelListWithKServe(DataPlane dataPlane, List<String> names) {
    List<String> generators =
        dataPlane.textGeneratorNames().stream().filter(names::contains).toList();
    return OpenAiResponseCodec.modelsWithKServeList(names, generators, STARTED);
  }

  private HttpResponse completions(ServiceRequestContext ctx, HttpRequest req) {
    return handle(
        ctx,
        req,
        "/completions",
        body -> {
          CompletionRequest r = OpenAiRequestCodec.completion(body);
          TextGenerator generator = generator(r.model());
          return run(
              ctx,
              r.model(),
              generator,
              GenerationPlan.completion(head("cmpl-", r.model(), false), r));
        });
  }

  private HttpResponse chat(ServiceRequestContext ctx, HttpRequest req) {
    return handle(
        ctx,
        req,
        "/chat/completions",
        body -> {
          ChatCompletionRequest r = OpenAiRequestCodec.chat(body);
          TextGenerator generator = generator(r.model());
          List<ChatMessage> messages = new ArrayList<>(r.messages().size());
          for (ChatTurn t : r.messages()) {
            messages.add(new ChatMessage(t.role(), t.content()));
          }
          String prompt = generator.chatPrompt(messages);
          return run(
              ctx,
              r.model(),
              generator,
              GenerationPlan.chat(head("chatcmpl-", r.model(), true), r, prompt));
        });
  }

  private HttpResponse embeddings(ServiceRequestContext ctx, HttpRequest req) {
    return handle(
        ctx,
        req,
        "/embeddings",
        body -> {
          EmbeddingsRequest r = OpenAiRequestCodec.embeddings(body);
          TextGenerator generator = generator(r.model());
          long start = System.nanoTime();
          return HttpResponse.of(
              executor
                  .call(() -> generator.embed(r.inputs()))
                  .handle(
                      (e, t) -> {
                        if (t != null) {
                          return failed(r.model(), start, t);
                        }
                        record(r.model(), start, HttpStatus.OK);
                        return HttpResponse.of(
                            HttpStatus.OK,
                            MediaType.JSON,
                            OpenAiResponseCodec.embeddings(
                                r.model(), e.vectors(), e.promptTokens(), r.base64()));
                      }));
        });
  }

  /** Starts every choice's generation; answers with a stream or, once all finished, whole. */
  private HttpResponse run(
      ServiceRequestContext ctx, String model, TextGenerator generator, GenerationPlan plan) {
    long start = System.nanoTime();
    List<CompletableFuture<Generation>> futures = new ArrayList<>(plan.requests().size());
    if (plan.stream()) {
      SseStream stream = new SseStream(ctx, plan, errors);
      for (int i = 0; i < plan.requests().size(); i++) {
        int index = i;
        futures.add(
            executor
                .submit(model, generator, plan.requests().get(i), stream.sink(i))
                .whenComplete(
                    (g, t) -> {
                      if (t == null) {
                        stream.finished(index, g);
                      } else {
                        stream.fail(t);
                      }
                    }));
      }
      all(futures)
          .whenComplete(
              (gens, t) -> {
                if (t == null) {
                  stream.complete(plan.usage(gens));
                  record(model, start, HttpStatus.OK);
                } else {
                  record(model, start, errors.render(t).status());
                }
              });
      return stream.response();
    }
    CollectedChoices choices = new CollectedChoices(plan, () -> ctx.isCancelled());
    for (int i = 0; i < plan.requests().size(); i++) {
      futures.add(
          executor
              .submit(model, generator, plan.requests().get(i), choices.sink(i))
              .whenComplete(
                  (g, t) -> {
                    if (t != null) {
                      choices.abandon();
                    }
                  }));
    }
    return HttpResponse.of(
        all(futures)
            .handle(
                (gens, t) -> {
                  if (t != null) {
                    return failed(model, start, t);
                  }
                  record(model, start, HttpStatus.OK);
                  return HttpResponse.of(HttpStatus.OK, MediaType.JSON, choices.body(gens));
                }));
  }

  /**
   * Reads the body, then either forwards it unchanged to the model's upstream engine (a model
   * served elsewhere, {@link UpstreamForwarder}) or serves it here with {@code serve}.
   */
  private HttpResponse handle(
      ServiceRequestContext ctx,
      HttpRequest req,
      String path,
      Function<byte[], HttpResponse> serve) {
    long start = System.nanoTime();
    return HttpResponse.of(
        req.aggregate()
            .thenApply(
                agg -> {
                  byte[] body = agg.content().array();
                  Optional<Forward> forward = forwardTarget(body);
                  if (forward.isPresent()) {
                    record(forward.get().model(), start, HttpStatus.OK);
                    return forwarder.forward(
                        forward.get().model(),
                        forward.get().upstream(),
                        path,
                        forward.get().body());
                  }
                  return serve.apply(body);
                })
            .exceptionally(t -> failed(null, start, t)));
  }

  private record Forward(String model, OpenAiUpstream upstream, ObjectNode body) {}

  /**
   * The repository model answering {@code model} for this request (an InferenceService's revision
   * under {@code kserve4j up}), see {@link ServiceRouting#resolve}.
   */
  private static String served(String model) {
    return ServiceRouting.resolve(ServiceRequestContext.currentOrNull(), model);
  }

  /** The upstream of the body's {@code model}, when the body parses and its model has one. */
  private Optional<Forward> forwardTarget(byte[] body) {
    JsonNode tree;
    try {
      tree = FORWARD_JSON.readTree(body);
    } catch (java.io.IOException e) {
      return Optional.empty(); // the codec reports the malformed body
    }
    if (!(tree instanceof ObjectNode object) || !tree.path("model").isTextual()) {
      return Optional.empty();
    }
    String model = tree.path("model").asText();
    try {
      return dataPlane.openAiUpstream(served(model)).map(up -> new Forward(model, up, object));
    } catch (KServeException e) {
      return Optional.empty(); // unknown or unloaded: the local path answers in OpenAI's shape
    }
  }

  /**
   * The model's text generator. An unknown model is OpenAI's 404 {@code model_not_found}; a model
   * that does not generate text is a 400 naming {@code model}.
   */
  private TextGenerator generator(String model) {
    try {
      return dataPlane.textGenerator(served(model));
    } catch (KServeException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw KServeException.notFound(
            "The model '"
                + model
                + "' does not exist (expected one of "
                + dataPlane.textGeneratorNames()
                + ")");
      }
      if (e.kind() == ErrorKind.INVALID_INPUT) {
        throw new InvalidParameterException("model", e.getMessage());
      }
      throw e;
    }
  }

  private ResponseHead head(String idPrefix, String model, boolean chat) {
    String id = idPrefix + UUID.randomUUID().toString().replace("-", "");
    return new ResponseHead(id, clock.instant().getEpochSecond(), model, chat);
  }

  private HttpResponse failed(String model, long start, Throwable t) {
    OpenAiErrors.Rendered error = errors.render(t);
    if (model != null) {
      record(model, start, error.status());
    }
    return error.response().toHttpResponse();
  }

  private void record(String model, long start, HttpStatus status) {
    Outcome outcome =
        status.code() < 400
            ? Outcome.SUCCESS
            : status.code() < 500 ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
    metrics.recordRequest(model, "openai", outcome, System.nanoTime() - start);
  }

  private static CompletableFuture<List<Generation>> all(
      List<CompletableFuture<Generation>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
  }
}
