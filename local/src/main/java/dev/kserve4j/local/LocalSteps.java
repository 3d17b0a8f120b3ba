package dev.kserve4j.local;

import dev.kserve4j.router.GraphStep;
import dev.kserve4j.router.StepCall;
import dev.kserve4j.router.StepInvoker;
import dev.kserve4j.router.StepReply;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.routing.ServiceRoute;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of an embedded InferenceGraph: an InferenceService of the same process is called
 * in-process, through the server's transport-free V1/V2 entry ({@link JsonInference}: no HTTP hop,
 * the same batching, metrics and answers as its REST routes). That holds for {@code serviceName}
 * steps (the predictor's protocol picks {@code :predict} or {@code /infer}, as KServe resolves the
 * URL) and for {@code serviceUrl} steps whose host is a serving InferenceService's and whose path
 * is a V1 predict or V2 infer call of one of its models. Any other {@code serviceUrl} goes over
 * HTTP.
 */
final class LocalSteps implements StepInvoker {
  private static final Pattern V1 = Pattern.compile("^/v1/models/([^/:]+):predict$");
  private static final Pattern V2 =
      Pattern.compile("^/v2/models/([^/]+)(?:/versions/[^/]+)?/infer$");

  private final String namespace;
  private final ServiceRoutes routes;
  private final JsonInference inference;
  private final StepInvoker http;

  LocalSteps(String namespace, ServiceRoutes routes, JsonInference inference, StepInvoker http) {
    this.namespace = namespace;
    this.routes = routes;
    this.inference = inference;
    this.http = http;
  }

  @Override
  public CompletableFuture<StepReply> invoke(GraphStep step, StepCall call) {
    if (step.serviceName() != null) {
      Optional<ServiceRoutes.ServedModel> served = routes.served(namespace, step.serviceName());
      if (served.isEmpty()) {
        return CompletableFuture.failedFuture(
            new IllegalStateException(
                "InferenceService \""
                    + step.serviceName()
                    + "\" in namespace \""
                    + namespace
                    + "\" is not serving (expected it Ready in `kserve4j get isvc`)"));
      }
      String model = served.get().model();
      return call(
          served.get().protocol(), model, served.get().route().resolve(model).orElseThrow(), call);
    }
    Optional<CompletableFuture<StepReply>> local = inProcess(step.serviceUrl(), call);
    return local.orElseGet(() -> http.invoke(step, call));
  }

  /** A URL of a serving InferenceService's host and a predict path, called in-process. */
  private Optional<CompletableFuture<StepReply>> inProcess(String url, StepCall call) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (uri.getHost() == null || uri.getPath() == null) {
      return Optional.empty();
    }
    Optional<ServiceRoute> route = routes.service(uri.getHost());
    if (route.isEmpty()) {
      return Optional.empty();
    }
    for (String protocol : new String[] {"v1", "v2"}) {
      Matcher m = ("v1".equals(protocol) ? V1 : V2).matcher(uri.getPath());
      Optional<String> served = m.matches() ? route.get().resolve(m.group(1)) : Optional.empty();
      if (served.isPresent()) {
        return Optional.of(call(protocol, m.group(1), served.get(), call));
      }
    }
    return Optional.empty();
  }

  /** Calls {@code model}, answered by the repository model {@code served} (chosen per call). */
  private CompletableFuture<StepReply> call(
      String protocol, String model, String served, StepCall call) {
    Map<String, String> headers = new LinkedHashMap<>();
    call.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
    headers.putIfAbsent("content-type", JsonReply.JSON);
    CompletableFuture<JsonInference.Request> request =
        CompletableFuture.completedFuture(new JsonInference.Request(call.body(), headers));
    CompletableFuture<JsonReply> reply =
        "v2".equals(protocol)
            ? inference.v2Infer(model, served, null, request)
            : inference.v1Predict(model, served, request);
    return reply.thenApply(r -> new StepReply(r.status(), r.body()));
  }
}
