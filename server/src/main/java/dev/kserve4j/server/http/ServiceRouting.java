package dev.kserve4j.server.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.routing.RoutedEndpoint;
import dev.kserve4j.server.routing.ServiceDirectory;
import dev.kserve4j.server.routing.ServiceRoute;
import dev.kserve4j.server.shadow.ShadowMirror;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes requests addressed to an InferenceService, as KServe's ingress does, onto the models that
 * serve it: by the path prefix {@code /serving/{namespace}/{service}/} (bound by {@link
 * RoutePrefix#SERVING}), else by the {@code Host} (or HTTP/2 {@code :authority}) header.
 *
 * <p>A host or {@code /serving/{namespace}/{name}} path that no InferenceService serves may belong
 * to an endpoint of the directory (an InferenceGraph), which then answers the request whatever its
 * path, as KServe's router does.
 *
 * <p>A request naming a model its InferenceService does not serve gets 404, as it would from that
 * InferenceService's own server. Requests for hosts outside the directory's domain (e.g. {@code
 * localhost}) pass through unchanged, so plain {@code /v2/models/{m}} calls keep working. gRPC
 * calls are resolved by host only (their path names the RPC) and are answered with a gRPC {@code
 * NOT_FOUND} status rather than an HTTP 404, which gRPC clients could not read.
 */
public final class ServiceRouting implements DecoratingHttpServiceFunction {
  /** The InferenceService a request was routed to; absent for plain requests. */
  public static final AttributeKey<ServiceRoute> ROUTE =
      AttributeKey.valueOf(ServiceRouting.class, "ROUTE");

  /** The directory requests were resolved against; set on every request this decorator sees. */
  private static final AttributeKey<ServiceDirectory> DIRECTORY =
      AttributeKey.valueOf(ServiceRouting.class, "DIRECTORY");

  /** {@code /serving/{namespace}/{name}} with or without a path after it. */
  private static final Pattern SERVING_PATH = Pattern.compile("^/serving/([^/]+)/([^/]+)(/.*)?$");

  private final ServiceDirectory directory;

  public ServiceRouting(ServiceDirectory directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
      throws Exception {
    // Counted before any route is read: the directory waits for it before it unloads a model
    // that a route it replaced named.
    Runnable finished = directory.requestStarted();
    ctx.log()
        .whenComplete()
        .handle(
            (log, e) -> {
              finished.run();
              return null;
            });
    ctx.setAttr(DIRECTORY, directory);
    String namespace = ctx.pathParam(RoutePrefix.NAMESPACE);
    String service = ctx.pathParam(RoutePrefix.SERVICE);
    Optional<ServiceRoute> route;
    if (namespace == null) {
      Matcher serving = SERVING_PATH.matcher(ctx.path());
      if (serving.matches()) {
        Optional<RoutedEndpoint> endpoint =
            directory.endpointByPath(serving.group(1), serving.group(2));
        if (endpoint.isPresent()) {
          return endpoint(endpoint.get(), req);
        }
      }
    }
    if (namespace != null && service != null) {
      route = directory.byPath(namespace, service);
      if (route.isEmpty()) {
        Optional<RoutedEndpoint> endpoint = directory.endpointByPath(namespace, service);
        if (endpoint.isPresent()) {
          return endpoint(endpoint.get(), req);
        }
        return notFound(
            req,
            "no ready InferenceService '"
                + service
                + "' in namespace '"
                + namespace
                + "' (path /serving/"
                + namespace
                + "/"
                + service
                + "/...; expected one"
                + " that `kserve4j get isvc` lists as Ready)");
      }
    } else {
      String host = host(req);
      if (host == null) {
        return plain(delegate, ctx, req);
      }
      route = directory.byHost(host);
      if (route.isEmpty()) {
        Optional<RoutedEndpoint> endpoint = directory.endpointByHost(host);
        if (endpoint.isPresent()) {
          return endpoint(endpoint.get(), req);
        }
        if (!directory.manages(host)) {
          return plain(delegate, ctx, req);
        }
        return notFound(
            req,
            "no ready InferenceService has host '"
                + host
                + "' (expected"
                + " {name}.{namespace}.{domain} of one that `kserve4j get isvc` lists as Ready)");
      }
    }
    String model = ctx.pathParam("name");
    if (model != null && !route.get().models().contains(model)) {
      return notFound(
          req,
          "model '"
              + model
              + "' is not served by InferenceService "
              + route.get().qualifiedName()
              + " (it serves "
              + new TreeSet<>(route.get().models())
              + ")");
    }
    ctx.setAttr(ROUTE, route.get());
    return delegate.serve(ctx, req);
  }

  /**
   * A request that names no InferenceService: one calling a model name an InferenceService serves
   * is routed as that service's host would be; any other passes through.
   */
  private HttpResponse plain(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
      throws Exception {
    String model = ctx.pathParam("name");
    if (model != null) {
      directory.byModel(model).ifPresent(r -> ctx.setAttr(ROUTE, r));
    }
    return delegate.serve(ctx, req);
  }

  /**
   * The repository model that answers this request for {@code model}, chosen once per request (a
   * canary split picks here): through the request's InferenceService when it was routed to one,
   * else through the InferenceService serving that name, else {@code model} itself. Cheap: one map
   * lookup and, for a split, one random number.
   *
   * @param ctx the request's context, or null outside a request (nothing to resolve)
   * @throws KServeException NOT_FOUND when the request's InferenceService does not serve {@code
   *     model}
   */
  public static String resolve(ServiceRequestContext ctx, String model) {
    ServiceRoute route = route(ctx, model);
    if (route == null) {
      return model;
    }
    return route.resolve(model).orElseThrow(() -> notServed(route, model));
  }

  /**
   * The repository model that answers {@code :explain} for {@code model}: the explainer of the
   * request's InferenceService (routed as {@link #resolve} routes), else {@code model} itself for a
   * request that names no InferenceService.
   *
   * @throws KServeException NOT_FOUND when the request's InferenceService does not serve {@code
   *     model}; UNIMPLEMENTED (501) naming the InferenceService when it has no explainer
   */
  public static String resolveExplainer(ServiceRequestContext ctx, String model) {
    ServiceRoute route = route(ctx, model);
    if (route == null) {
      return model;
    }
    if (!route.models().contains(model)) {
      throw notServed(route, model);
    }
    return route
        .explainer(model)
        .orElseThrow(
            () ->
                KServeException.unimplemented(
                    "InferenceService "
                        + route.qualifiedName()
                        + " has no explainer (expected spec.explainer: a custom container on a"
                        + " kserve4j image whose model explains, e.g. a model.py defining"
                        + " explain(payload, headers)); use :predict"));
  }

  /** The route of this request for {@code model}, or null when it names no InferenceService. */
  private static ServiceRoute route(ServiceRequestContext ctx, String model) {
    if (ctx == null) {
      return null;
    }
    ServiceRoute route = ctx.attr(ROUTE);
    if (route == null) {
      ServiceDirectory directory = ctx.attr(DIRECTORY);
      route = directory == null ? null : directory.byModel(model).orElse(null);
    }
    return route;
  }

  private static KServeException notServed(ServiceRoute r, String model) {
    return KServeException.notFound(
        "model '"
            + model
            + "' is not served by InferenceService "
            + r.qualifiedName()
            + " (it serves "
            + new TreeSet<>(r.models())
            + ")");
  }

  /**
   * {@code answer}, unchanged, after offering it with its request to the shadow mirrors of the
   * repository model {@code served} (see {@link ServiceDirectory#mirrors}): mirroring runs apart
   * from the answer, which it never changes or delays.
   *
   * @param protocol {@code v1} or {@code v2}
   */
  public static CompletableFuture<JsonReply> mirrored(
      ServiceRequestContext ctx,
      String served,
      String protocol,
      CompletionStage<JsonInference.Request> request,
      CompletableFuture<JsonReply> answer) {
    ServiceDirectory directory = ctx == null ? null : ctx.attr(DIRECTORY);
    if (directory == null) {
      return answer;
    }
    List<ShadowMirror<JsonInference.Request, JsonReply>> mirrors =
        directory.mirrors(served, protocol);
    if (!mirrors.isEmpty()) {
      answer.thenAcceptBoth(request, (reply, r) -> offer(mirrors, r, reply));
    }
    return answer;
  }

  /**
   * Offers a gRPC {@code ModelInfer} request and its answer, once given, to the shadow mirrors of
   * the repository model {@code served} (see {@link ServiceDirectory#tensorMirrors}); a failed
   * answer is not offered. Mirroring runs apart from the answer, which it never changes; pass a
   * future that completes once the answer was sent (the reply's own stage) so that it never delays
   * it either.
   *
   * @param request the decoded request, naming {@code served}
   */
  public static void mirrorTensors(
      ServiceRequestContext ctx,
      String served,
      InferRequest request,
      CompletableFuture<InferResponse> answer) {
    ServiceDirectory directory = ctx == null ? null : ctx.attr(DIRECTORY);
    if (directory == null) {
      return;
    }
    List<ShadowMirror<InferRequest, InferResponse>> mirrors = directory.tensorMirrors(served);
    if (!mirrors.isEmpty()) {
      answer.thenAccept(response -> offer(mirrors, request, response));
    }
  }

  private static <Q, A> void offer(List<ShadowMirror<Q, A>> mirrors, Q request, A answer) {
    for (ShadowMirror<Q, A> m : mirrors) {
      try {
        m.offer(request, answer);
      } catch (RuntimeException e) {
        // The client's answer never depends on a mirror.
      }
    }
  }

  /**
   * How the repository model {@code repositoryModel} is listed to this request: under the name
   * clients call (a rollout's revisions under their InferenceService's name), only when the
   * request's InferenceService serves it; empty when it is not listed.
   */
  public static Optional<String> listedAs(ServiceRequestContext ctx, String repositoryModel) {
    ServiceDirectory directory = ctx.attr(DIRECTORY);
    Optional<String> name =
        directory == null ? Optional.of(repositoryModel) : directory.listedAs(repositoryModel);
    return name.filter(n -> visible(ctx, n));
  }

  /** A request to an endpoint (an InferenceGraph): its body and headers, whatever its path. */
  private static HttpResponse endpoint(RoutedEndpoint endpoint, HttpRequest req) {
    return HttpResponse.of(
        Replies.request(req)
            .thenCompose(r -> endpoint.handle(r.body(), r.headers()))
            .thenApply(Replies::response));
  }

  /**
   * Whether {@code model} is listed for the request: every model for plain requests, only the
   * InferenceService's own for routed ones (as its own server would list them).
   */
  private static boolean visible(ServiceRequestContext ctx, String model) {
    ServiceRoute route = ctx.attr(ROUTE);
    return route == null || route.models().contains(model);
  }

  /** The request's host in lower case without the port, or null when it has none. */
  static String host(HttpRequest req) {
    String authority = req.authority();
    if (authority == null || authority.isEmpty()) {
      return null;
    }
    String host;
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      host = end < 0 ? authority : authority.substring(0, end + 1);
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static HttpResponse notFound(HttpRequest req, String message) {
    MediaType type = req.contentType();
    if (type != null && type.subtype().startsWith("grpc")) {
      // A trailers-only gRPC response: HTTP 200 carrying grpc-status 5 (NOT_FOUND).
      return HttpResponse.of(
          ResponseHeaders.builder(HttpStatus.OK)
              .contentType(type)
              .add("grpc-status", "5")
              .add("grpc-message", percentEncode(message))
              .build());
    }
    return HttpErrors.response(KServeException.notFound(message));
  }

  /** gRPC's grpc-message encoding: printable ASCII except '%' as is, everything else %XX. */
  private static String percentEncode(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b < 0x7f && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
