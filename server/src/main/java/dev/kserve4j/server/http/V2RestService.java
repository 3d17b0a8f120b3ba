package dev.kserve4j.server.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.server.DataPlane;
import dev.kserve4j.server.JsonInference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The Open Inference Protocol's REST routes (health, metadata, infer with the binary tensor data
 * extension, and the model repository extension) over a {@link DataPlane}.
 */
public final class V2RestService {
  /** The binary tensor data extension's header: length of the JSON part of the body. */
  public static final String HEADER_CONTENT_LENGTH = JsonInference.HEADER_CONTENT_LENGTH;

  private static final byte[] LIVE = "{\"live\":true}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] READY = "{\"ready\":true}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_READY = "{\"ready\":false}".getBytes(StandardCharsets.UTF_8);

  private final DataPlane dataPlane;
  private final HttpErrors errors;
  private final JsonInference inference;

  public V2RestService(DataPlane dataPlane, HttpErrors errors, JsonInference inference) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.errors = requireNonNull(errors, "errors");
    this.inference = requireNonNull(inference, "inference");
  }

  /** Binds every V2 route on {@code sb}. */
  public void addTo(ServerBuilder sb) {
    addTo(sb, RoutePrefix.NONE);
  }

  /** Binds every V2 route on {@code sb} under {@code prefix}. */
  public void addTo(ServerBuilder sb, RoutePrefix prefix) {
    String p = prefix.template();
    sb.route().get(p + "/v2/health/live").build((ctx, req) -> HttpErrors.json(HttpStatus.OK, LIVE));
    sb.route().get(p + "/v2/health/ready").build((ctx, req) -> health());
    sb.route()
        .get(p + "/v2")
        .build(
            (ctx, req) -> sync(() -> V2MetadataCodec.serverMetadata(dataPlane.serverMetadata())));
    sb.route().get(p + "/v2/models/{name}").build((ctx, req) -> metadata(ctx, null));
    sb.route()
        .get(p + "/v2/models/{name}/versions/{version}")
        .build((ctx, req) -> metadata(ctx, ctx.pathParam("version")));
    sb.route().get(p + "/v2/models/{name}/ready").build((ctx, req) -> modelReady(ctx, null));
    sb.route()
        .get(p + "/v2/models/{name}/versions/{version}/ready")
        .build((ctx, req) -> modelReady(ctx, ctx.pathParam("version")));
    sb.route().post(p + "/v2/models/{name}/infer").build((ctx, req) -> infer(ctx, req, null));
    sb.route()
        .post(p + "/v2/models/{name}/versions/{version}/infer")
        .build((ctx, req) -> infer(ctx, req, ctx.pathParam("version")));
    sb.route().post(p + "/v2/repository/index").build(this::index);
    sb.route()
        .post(p + "/v2/repository/models/{name}/load")
        .build((ctx, req) -> repository(ctx, req, true));
    sb.route()
        .post(p + "/v2/repository/models/{name}/unload")
        .build((ctx, req) -> repository(ctx, req, false));
  }

  private HttpResponse health() {
    boolean ready = dataPlane.ready();
    return HttpErrors.json(
        ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, ready ? READY : NOT_READY);
  }

  private HttpResponse metadata(ServiceRequestContext ctx, String version) {
    return sync(
        () -> {
          String name = ctx.pathParam("name");
          String served = ServiceRouting.resolve(ctx, name);
          ModelMetadata metadata = dataPlane.modelMetadata(served, version);
          return V2MetadataCodec.modelMetadata(
              served.equals(name) ? metadata : metadata.withName(name, metadata.versions()));
        });
  }

  private HttpResponse modelReady(ServiceRequestContext ctx, String version) {
    try {
      String name = ctx.pathParam("name");
      boolean ready = dataPlane.modelReady(ServiceRouting.resolve(ctx, name), version);
      return HttpErrors.json(
          ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
          V2MetadataCodec.modelReady(name, ready));
    } catch (RuntimeException e) {
      return errors.toResponse(e);
    }
  }

  private HttpResponse infer(ServiceRequestContext ctx, HttpRequest req, String version) {
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
                ctx, served, "v2", request, inference.v2Infer(name, served, version, request))
            .thenApply(Replies::response));
  }

  private HttpResponse index(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(
        req.aggregate()
            .thenApply(
                agg ->
                    HttpErrors.json(
                        HttpStatus.OK,
                        V2MetadataCodec.repositoryIndex(
                            dataPlane
                                .repositoryIndex(
                                    V2MetadataCodec.decodeIndexReadyFlag(agg.content().array()))
                                .stream()
                                .flatMap(e -> listed(ctx, e))
                                .toList())))
            .exceptionally(errors::toResponse));
  }

  /** A repository entry as this request lists it: renamed, or not at all (see ServiceRouting). */
  private static Stream<RepositoryEntry> listed(ServiceRequestContext ctx, RepositoryEntry e) {
    return ServiceRouting.listedAs(ctx, e.name()).stream()
        .map(
            n ->
                n.equals(e.name())
                    ? e
                    : new RepositoryEntry(n, e.version(), e.state(), e.reason()));
  }

  private HttpResponse repository(ServiceRequestContext ctx, HttpRequest req, boolean load) {
    String name = ctx.pathParam("name");
    // Loading reads files and may take long: keep it off the event loop.
    return HttpResponse.of(
        req.aggregate()
            .thenApplyAsync(
                agg -> {
                  if (load) {
                    dataPlane.load(name);
                  } else {
                    dataPlane.unload(name);
                  }
                  String body =
                      "{\"name\":" + quote(name) + ",\"" + (load ? "load" : "unload") + "\":true}";
                  return HttpErrors.json(HttpStatus.OK, body.getBytes(StandardCharsets.UTF_8));
                },
                ctx.blockingTaskExecutor())
            .exceptionally(errors::toResponse));
  }

  private HttpResponse sync(java.util.function.Supplier<byte[]> body) {
    try {
      return HttpErrors.json(HttpStatus.OK, body.get());
    } catch (RuntimeException e) {
      return errors.toResponse(e);
    }
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
