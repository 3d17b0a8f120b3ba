package dev.kserve4j.server.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v1.V1Codec;
import dev.kserve4j.server.DataPlane;
import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.server.openai.OpenAiRestService;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * KServe's V1 protocol: {@code GET /v1/models}, {@code GET /v1/models/{m}}, {@code POST
 * /v1/models/{m}:predict} ({@code instances} or {@code inputs}, answered with {@code predictions}
 * from the model's first output) and {@code :explain} (501 until explainers exist).
 */
public final class V1RestService {
  private final DataPlane dataPlane;
  private final HttpErrors errors;
  private final InferenceMetrics metrics;

  private static final TensorMetadata UNDECLARED_INPUT =
      new TensorMetadata("input-0", Datatype.FP64, new long[] {-1});

  public V1RestService(DataPlane dataPlane, HttpErrors errors, InferenceMetrics metrics) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.errors = requireNonNull(errors, "errors");
    this.metrics = requireNonNull(metrics, "metrics");
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
            .map(e -> e.name())
            .filter(name -> ServiceRouting.visible(ctx, name))
            .toList();
    // GET /v1/models is OpenAI's model list too: one body that both kinds of client read.
    return HttpErrors.json(HttpStatus.OK, OpenAiRestService.modelListWithKServe(dataPlane, names));
  }

  private HttpResponse status(ServiceRequestContext ctx, HttpRequest req) {
    try {
      String name = ctx.pathParam("name");
      boolean ready = dataPlane.modelReady(name, null);
      return HttpErrors.json(
          ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, V1Codec.modelStatus(name, ready));
    } catch (RuntimeException e) {
      return errors.toResponse(e);
    }
  }

  private HttpResponse predict(ServiceRequestContext ctx, HttpRequest req) {
    String name = ctx.pathParam("name");
    RequestTimer timer = RequestTimer.start(metrics, name, "v1");
    return HttpResponse.of(
        req.aggregate()
            .thenCompose(
                agg -> {
                  ModelMetadata metadata = dataPlane.modelMetadata(name, null);
                  // A model that declares no signature (scikit-learn, model.py) gets KServe's
                  // V1-to-V2 tensor: "input-0", numbers as FP64, strings as BYTES.
                  TensorMetadata input =
                      metadata.inputs().isEmpty() ? UNDECLARED_INPUT : metadata.inputs().get(0);
                  InferRequest in = V1Codec.decodePredict(name, agg.content().array(), input);
                  return dataPlane.infer(in);
                })
            .thenApply(
                r ->
                    HttpErrors.json(
                        HttpStatus.OK, V1Codec.encodePredictions(r, dataPlane.v1Predictions(name))))
            .handle((ok, err) -> timer.finish(ok, err, errors)));
  }

  private HttpResponse explain(ServiceRequestContext ctx, HttpRequest req) {
    String name = ctx.pathParam("name");
    CompletableFuture<HttpResponse> f =
        req.aggregate()
            .thenApply(
                agg -> {
                  dataPlane.modelReady(name, null); // 404 for an unknown model first
                  throw KServeException.unimplemented(
                      "model '"
                          + name
                          + "' has no explainer: :explain is not supported by this"
                          + " server yet (use :predict)");
                });
    return HttpResponse.of(f.exceptionally(errors::toResponse));
  }
}
