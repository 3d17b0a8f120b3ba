package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.validation.ValidatingWebhooks;
import dev.kserve4j.api.validation.WarningHeader;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.server.http.HttpErrors;
import dev.kserve4j.server.http.JsonErrorHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin API of an embedded control plane, on loopback only: the subset of the Kubernetes API
 * that {@code kubectl apply/get/delete} use for InferenceServices, under {@code
 * /apis/serving.kserve.io/v1beta1/inferenceservices}.
 *
 * <p>POST applies every InferenceService in a YAML or JSON body (all or nothing: a body with an
 * unreadable document or another kind is refused with 400 before anything is applied). GET returns
 * one resource, or a {@code v1 List} of them, as JSON, or as YAML when {@code Accept} names YAML.
 * DELETE removes one. Errors are JSON {@code {"error": "..."}} with the HTTP status of their kind,
 * through the server's one mapper ({@link HttpErrors}); an {@link IllegalArgumentException} of the
 * control plane is an invalid resource, so 400. A body with a resource KServe's validating webhook
 * denies is refused whole, as the API server refuses it (403, a {@code v1 Status} naming the
 * webhook and giving its message), storing nothing. An applied InferenceService that asks for
 * something without effect ({@link ValidatingWebhooks#inferenceServiceWarnings}) gets the warnings
 * as the API server sends them: one {@code Warning: 299 - "text"} header each ({@link
 * WarningHeader}), which {@code kserve4j apply} prints as {@code kubectl} does.
 */
public final class AdminServer implements AutoCloseable {
  /** The collection path, as the Kubernetes API serves it for all namespaces. */
  public static final String PATH = "/apis/serving.kserve.io/v1beta1/inferenceservices";

  /** The InferenceGraphs' collection path; a POST there applies as one on {@link #PATH} does. */
  public static final String GRAPH_PATH = "/apis/serving.kserve.io/v1alpha1/inferencegraphs";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest body accepted: manifests, so far below the inference limit. */
  static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  private static final HttpErrors ERRORS = new HttpErrors(MAX_REQUEST_BYTES, "");

  private final LocalControlPlane control;
  private final ResourceCodec codec = new ResourceCodec();
  private final ValidatingWebhooks webhooks = new ValidatingWebhooks();
  private final Server server;

  /**
   * Runs every admin request off the event loop: one thread, since the control plane applies one
   * change at a time anyway (Armeria's shared blocking executor would start a thread per request).
   */
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("kserve4j-admin").factory());

  /** The longest an admin request may take: as long as {@code kserve4j apply} waits for one. */
  static final java.time.Duration APPLY_TIMEOUT = java.time.Duration.ofMinutes(30);

  private AdminServer(LocalControlPlane control, int port) {
    this.control = requireNonNull(control, "control");
    this.server =
        Server.builder()
            .http(new InetSocketAddress("127.0.0.1", port))
            .maxRequestLength(MAX_REQUEST_BYTES)
            // An apply loads models (downloads included) before it answers: as long as
            // `kserve4j apply` waits, not Armeria's default 10 s.
            .requestTimeout(APPLY_TIMEOUT)
            .errorHandler(new JsonErrorHandler(ERRORS))
            .service(PATH, this::serve)
            .service(PATH + "/{name}", this::serve)
            .service(GRAPH_PATH, this::serve)
            .service(GRAPH_PATH + "/{name}", this::serve)
            .build();
  }

  /** Starts the admin API on 127.0.0.1:{@code port} (0 picks a free port). */
  public static AdminServer start(LocalControlPlane control, int port) {
    AdminServer admin = new AdminServer(control, port);
    admin.server.start().join();
    return admin;
  }

  public int port() {
    return server.activeLocalPort();
  }

  /** Applies {@code isvc} (see {@link LocalControlPlane#apply}). */
  public InferenceService apply(InferenceService isvc) {
    return control.apply(isvc);
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    // Applying loads models: off the event loop.
    return HttpResponse.of(
        req.aggregate()
            .thenApplyAsync(agg -> handle(ctx, agg), worker)
            .exceptionally(AdminServer::error));
  }

  private HttpResponse handle(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    String name = ctx.pathParam("name");
    String namespace = ctx.queryParam("namespace");
    boolean yaml = req.headers().accept().stream().anyMatch(t -> t.subtype().contains("yaml"));
    HttpMethod method = req.method();
    boolean graph = ctx.path().startsWith(GRAPH_PATH);
    String kind = graph ? "inferencegraph" : "inferenceservice";
    if (method == HttpMethod.GET && name != null) {
      Optional<? extends HasMetadata> found =
          graph
              ? control.getGraph(orDefault(namespace), name)
              : control.get(orDefault(namespace), name);
      return write(
          List.of(found.orElseThrow(() -> notFound(kind, name, namespace))),
          false,
          yaml,
          List.of());
    }
    if (method == HttpMethod.GET) {
      List<? extends HasMetadata> all = graph ? control.listGraphs() : control.list();
      return write(
          all.stream()
              .filter(i -> namespace == null || namespace.equals(i.getMetadata().getNamespace()))
              .toList(),
          true,
          yaml,
          List.of());
    }
    if (method == HttpMethod.DELETE && name != null) {
      boolean deleted =
          graph
              ? control.deleteGraph(orDefault(namespace), name)
              : control.delete(orDefault(namespace), name);
      if (!deleted) {
        throw notFound(kind, name, namespace);
      }
      return HttpResponse.of(
          HttpStatus.OK,
          MediaType.JSON_UTF_8,
          JSON.createObjectNode().put("deleted", orDefault(namespace) + "/" + name).toString());
    }
    if (method == HttpMethod.POST && name == null) {
      // Runtimes first, so that the InferenceServices beside them can select them.
      List<HasMetadata> applied = new ArrayList<>();
      List<HasMetadata> resources = resources(req.contentUtf8());
      // As the API server admits each object before storing it; all before any, as a bad body is.
      resources.forEach(control::admit);
      List<String> warnings =
          resources.stream()
              .filter(InferenceService.class::isInstance)
              .flatMap(r -> webhooks.inferenceServiceWarnings((InferenceService) r).stream())
              .distinct()
              .toList();
      for (HasMetadata runtime : resources) {
        if (runtime instanceof ServingRuntime || runtime instanceof ClusterServingRuntime) {
          control.applyRuntime(runtime);
          applied.add(runtime);
        }
      }
      // Then the services, and the graphs last, so that they find their services applied.
      for (HasMetadata resource : resources) {
        if (resource instanceof InferenceService inferenceService) {
          applied.add(apply(inferenceService));
        } else if (resource instanceof LLMInferenceService llm) {
          applied.add(control.applyLlm(llm));
        }
      }
      for (HasMetadata resource : resources) {
        if (resource instanceof InferenceGraph ig) {
          applied.add(control.applyGraph(ig));
        }
      }
      return write(applied, true, yaml, warnings);
    }
    return HttpErrors.response(
        HttpStatus.METHOD_NOT_ALLOWED,
        method
            + " "
            + ctx.path()
            + " is not supported (expected: POST "
            + PATH
            + ", GET "
            + PATH
            + "[/NAME], DELETE "
            + PATH
            + "/NAME, or the same on "
            + GRAPH_PATH
            + ")");
  }

  /** Every resource in the body, which must all be InferenceServices or runtimes. */
  private List<HasMetadata> resources(String body) {
    List<HasMetadata> resources = codec.readAll(body, "request body");
    List<String> others =
        resources.stream()
            .filter(r -> !LocalControlPlane.applicable(r))
            .map(r -> r.getKind() + "/" + r.getMetadata().getName())
            .toList();
    if (!others.isEmpty()) {
      throw KServeException.invalidInput(
          "request body: "
              + others
              + " cannot be applied here"
              + " (expected: "
              + LocalControlPlane.APPLICABLE_KINDS
              + ")");
    }
    if (resources.isEmpty()) {
      throw KServeException.invalidInput(
          "request body: no resource (expected: at least one InferenceService)");
    }
    return resources;
  }

  private HttpResponse write(
      List<? extends HasMetadata> items, boolean asList, boolean yaml, List<String> warnings) {
    if (yaml) {
      return ok(MediaType.parse("application/yaml"), codec.toYaml(items), warnings);
    }
    try {
      String body;
      if (asList) {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode array = list.putArray("items");
        for (HasMetadata item : items) {
          array.add(JSON.readTree(codec.toJson(item)));
        }
        body = list.toString();
      } else {
        body = codec.toJson(items.get(0));
      }
      return ok(MediaType.JSON_UTF_8, body, warnings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 200 with {@code body}, and a {@code Warning} header per warning. */
  private static HttpResponse ok(MediaType type, String body, List<String> warnings) {
    ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK).contentType(type);
    warnings.forEach(w -> headers.add(WarningHeader.NAME, WarningHeader.format(w)));
    return HttpResponse.of(headers.build(), HttpData.ofUtf8(body));
  }

  /** A failed request as the mapper renders it; a webhook's denial as the API server does. */
  static HttpResponse error(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof AdmissionDeniedException denied) {
      return denial(denied);
    }
    if (cause instanceof IllegalArgumentException) {
      // The control plane's and the codec's contract: the resource given is invalid.
      cause = KServeException.invalidInput(cause.getMessage());
    }
    return ERRORS.toResponse(cause);
  }

  /**
   * A webhook's denial as the Kubernetes API server answers it: 403 and a {@code v1 Status} with
   * reason {@code Forbidden} (controller-runtime's {@code admission.Denied}, which KServe's
   * webhooks return), plus the admin API's {@code error} field with the same message.
   */
  private static HttpResponse denial(AdmissionDeniedException denied) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status
        .put("status", "Failure")
        .put("message", denied.getMessage())
        .put("reason", "Forbidden")
        .put("code", HttpStatus.FORBIDDEN.code())
        .put("error", denied.getMessage());
    return HttpResponse.of(HttpStatus.FORBIDDEN, MediaType.JSON_UTF_8, status.toString());
  }

  private static KServeException notFound(String kind, String name, String namespace) {
    return KServeException.notFound(
        kind + " '" + name + "' not found in namespace '" + orDefault(namespace) + "'");
  }

  private static String orDefault(String namespace) {
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  @Override
  public void close() {
    server.stop().join();
    worker.shutdownNow();
  }
}
