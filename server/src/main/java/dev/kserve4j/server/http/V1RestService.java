package dev.kserve4j.server.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.protocol.v1.V1Codec;
import dev.kserve4j.server.DataPlane;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.openai.OpenAiRestService;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * KServe's V1 protocol: {@code GET /v1/models}, {@code GET /v1/models/{m}}, {@code POST
 * /v1/models/{m}:predict} (through {@link JsonInference#v1Predict}: {@code instances} or {@code
 * inputs}, answered with {@code predictions} from the model's first output; or the body as it is
 * for a model that reads V1 bodies itself) and {@code :explain} (through {@link
 * JsonInference#v1Explain}: the model's explainer, or the explainer of the request's
 * InferenceService ({@link ServiceRouting#resolveExplainer}); 501 for a model without one).
 */
public final class V1RestService {
  private final DataPlane dataPlane;
  private final HttpErrors errors;
  private final JsonInference inference;

  public V1RestService(DataPlane dataPlane, HttpErrors errors, JsonInference inference) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.errors = requireNonNull(errors, "errors");
    this.inference = requireNonNull(inference, "inference");
  }

  /** Binds the V1 routes on {@code sb}. */
  public void addTo(ServerBuilder sb) {
    addTo(sb, RoutePrefix.NONE);
  }

  /** Binds the V1 routes on {@code sb} under {@code prefix}. */
  public void addTo(ServerBuilder sb, RoutePrefix prefix) {
    String p = prefix.regex();
    sb.route().get(prefix.template() + "/v1/models").build((ctx, req) -> list(ctx));
    sb.route().post("regex:^" + p + "/v1/models/(?<name>[^/:]+):predict$").build(this::predict);
    sb.route().post("regex:^" + p + "/v1/models/(?<name>[^/:]+):explain$").build(this::explain);
    sb.route().get("regex:^" + p + "/v1/models/(?<name>[^/:]+)$").build(this::status);
  }

  private HttpResponse list(ServiceRequestContext ctx) {
    List<String> names =
        dataPlane.repositoryIndex(false).stream()
            .flatMap(e -> ServiceRouting.listedAs(ctx, e.name()).stream())
            .distinct()
            .toList();
    // GET /v1/models is OpenAI's model list too: one body that both kinds of client read.
    return HttpErrors.json(HttpStatus.OK, OpenAiRestService.modelListWithKServe(dataPlane, names));
  }

  private HttpResponse status(ServiceRequestContext ctx, HttpRequest req) {
    try {
      String name = ctx.pathParam("name");
      boolean ready = dataPlane.modelReady(ServiceRouting.resolve(ctx, name), null);
      return HttpErrors.json(
          ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, V1Codec.modelStatus(name, ready));
    } catch (RuntimeException e) {
      return errors.toResponse(e);
    }
  }

  private HttpResponse predict(ServiceRequestContext ctx, HttpRequest req) {
    String name = ctx.pathParam("name");
    String served;
    try {
      served = ServiceRouting.resolve(ctx, name);
    } catch (RuntimeException e) {
      return errors.toResponse(e);
    }
    CompletableFuture<JsonInference.Request> request = Replies.request(req);
    return HttpResponse.of(
        ServiceRouting.mirrored(
                ctx, served, "v1", request, inference.v1Predict(name, served, request))
            .thenApply(Replies::response));
  }

  private HttpResponse explain(ServiceRequestContext ctx, HttpRequest req) {
    String name = ctx.pathParam("name");
    String served;
    try {
      served = ServiceRouting.resolveExplainer(ctx, name);
    } catch (RuntimeException e) {
      return errors.toResponse(e);
    }
    return HttpResponse.of(
        inference.v1Explain(name, served, Replies.request(req)).thenApply(Replies::response));
  }
}
