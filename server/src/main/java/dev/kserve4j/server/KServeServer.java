package dev.kserve4j.server;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerListener;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.prometheus.PrometheusExpositionService;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.server.grpc.GrpcInferenceService;
import dev.kserve4j.server.grpc.MalformedMessageHandler;
import dev.kserve4j.server.http.HttpErrors;
import dev.kserve4j.server.http.JsonErrorHandler;
import dev.kserve4j.server.http.NotFoundService;
import dev.kserve4j.server.http.RoutePrefix;
import dev.kserve4j.server.http.ServiceRouting;
import dev.kserve4j.server.http.V1RestService;
import dev.kserve4j.server.http.V2RestService;
import dev.kserve4j.server.metrics.GenerationMetrics;
import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.server.metrics.MeteredDataPlane;
import dev.kserve4j.server.openai.GenerationExecutor;
import dev.kserve4j.server.openai.OpenAiRestService;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.server.routing.ServiceDirectory;
import dev.kserve4j.server.transform.PredictorLinks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model server: loads the configured models, then serves REST (V1, V2), gRPC (on the HTTP port
 * and on the gRPC port) and {@code /metrics}. {@link #close()} drains in-flight requests for at
 * most the configured drain timeout, then unloads the models.
 */
public final class KServeServer implements AutoCloseable {
  /** The server's name and version in {@code GET /v2}. */
  public static final ServerMetadata METADATA =
      new ServerMetadata("kserve4j", "0.1.0", List.of("model_repository", "binary_tensor_data"));

  /**
   * Generations that run at once; more wait in the server's queue. Generous, since a runtime limits
   * its own parallelism (llama.cpp's slots) and a waiting generation only holds a thread.
   */
  private static final int GENERATION_THREADS = 64;

  private final ServerConfig config;
  private final Server server;
  private final ModelRepository repository;
  private final ExecutorService workers;
  private final DataPlane dataPlane;
  private final HttpErrors errors;
  private final JsonInference inference;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final PredictorLinks links;

  private KServeServer(
      ServerConfig requested,
      ModelRuntimes runtimes,
      ServiceDirectory services,
      PredictorLinks links) {
    this.links = links;
    this.config = EphemeralPorts.resolve(requested);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    InferenceMetrics metrics = new InferenceMetrics(registry);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            config.workerThreads(),
            r ->
                Thread.ofPlatform()
                    .daemon()
                    .name("model-worker-" + n.incrementAndGet())
                    .unstarted(r));
    this.repository =
        new ModelRepository(runtimes, config.models(), config.modelRepository(), workers, metrics);
    this.dataPlane = new DefaultDataPlane(repository, workers, METADATA);
    this.errors = new HttpErrors(config.maxRequestBytes());
    this.inference = new JsonInference(dataPlane, workers, errors, metrics, links);
    // The HTTP/gRPC stack's one-time initialisation (~0.5 s of class loading and code generation
    // in Armeria's gRPC support) does not depend on the models: do it while they load.
    CompletableFuture<Server> built =
        CompletableFuture.supplyAsync(() -> build(metrics, services).build());
    try {
      repository.loadAll();
      this.server = built.join();
      server.start().join();
    } catch (RuntimeException e) {
      built.thenAccept(Server::close);
      repository.close();
      workers.shutdownNow();
      throw e;
    }
  }

  /** Loads the models and starts serving; throws the first model's load failure. */
  public static KServeServer start(ServerConfig config, ModelRuntimes runtimes) {
    return new KServeServer(
        requireNonNull(config, "config"),
        requireNonNull(runtimes, "runtimes"),
        null,
        new PredictorLinks());
  }

  /**
   * Loads the models and starts serving; a model that is a transformer ({@code
   * Model.transformer()}) with a link in {@code links} calls its predictor through it (the links
   * may change while serving).
   */
  public static KServeServer start(
      ServerConfig config, ModelRuntimes runtimes, PredictorLinks links) {
    return new KServeServer(
        requireNonNull(config, "config"),
        requireNonNull(runtimes, "runtimes"),
        null,
        requireNonNull(links, "links"));
  }

  /**
   * Loads the models and starts serving, with requests also routed to InferenceServices by {@code
   * Host} header and by {@code /serving/{namespace}/{name}/} paths through {@code services}.
   */
  public static KServeServer start(
      ServerConfig config, ModelRuntimes runtimes, ServiceDirectory services) {
    return new KServeServer(
        requireNonNull(config, "config"),
        requireNonNull(runtimes, "runtimes"),
        requireNonNull(services, "services"),
        new PredictorLinks());
  }

  private ServerBuilder build(InferenceMetrics metrics, ServiceDirectory services) {
    ServerBuilder sb = Server.builder();
    sb.http(new InetSocketAddress(config.host(), config.httpPort()));
    if (config.grpcPort() >= 0) {
      sb.http(new InetSocketAddress(config.host(), config.grpcPort()));
    }
    sb.maxRequestLength(config.maxRequestBytes());
    sb.errorHandler(new JsonErrorHandler(errors));
    sb.requestTimeout(Duration.ZERO);
    sb.gracefulShutdownTimeout(Duration.ofMillis(100), config.drainTimeout());
    // Armeria keeps accepting during its graceful-shutdown quiet period; once close() has begun,
    // requests that were not in flight are refused (503, connection closed) so only those drain.
    sb.decorator(
        (delegate, ctx, req) -> {
          if (!draining.get()) {
            return delegate.serve(ctx, req);
          }
          ctx.initiateConnectionShutdown();
          return HttpErrors.response(KServeException.unavailable("server is shutting down"));
        });
    V2RestService v2 = new V2RestService(dataPlane, errors, inference);
    V1RestService v1 = new V1RestService(dataPlane, errors, inference);
    v2.addTo(sb);
    v1.addTo(sb);
    GenerationExecutor generations =
        new GenerationExecutor(GENERATION_THREADS, new GenerationMetrics(registry));
    sb.serverListener(ServerListener.builder().whenStopped(s -> generations.close()).build());
    OpenAiRestService openAi =
        new OpenAiRestService(
            dataPlane, generations, metrics, config.maxRequestBytes(), Clock.systemUTC());
    openAi.addTo(sb);
    if (services != null) {
      v2.addTo(sb, RoutePrefix.SERVING);
      v1.addTo(sb, RoutePrefix.SERVING);
      openAi.addServingRoutes(sb, RoutePrefix.SERVING);
      sb.decorator(new ServiceRouting(services));
    }
    sb.service(
        GrpcService.builder()
            // Binary protobuf only (plain gRPC and gRPC-Web): the JSON variants would generate a
            // marshaller per message type at start-up (~0.5 s) for a format OIP clients never use.
            .supportedSerializationFormats(
                GrpcSerializationFormats.PROTO, GrpcSerializationFormats.PROTO_WEB)
            .addService(
                new GrpcInferenceService(
                    new MeteredDataPlane(dataPlane, metrics, "v2-grpc"), inference.transformers()))
            .maxRequestMessageLength((int) Math.min(Integer.MAX_VALUE, config.maxRequestBytes()))
            .maxResponseMessageLength(Integer.MAX_VALUE)
            .exceptionHandler(
                new MalformedMessageHandler().orElse(GrpcExceptionHandlerFunction.of()))
            .build());
    sb.service("/metrics", PrometheusExpositionService.of(registry.getPrometheusRegistry()));
    sb.serviceUnder("/", new NotFoundService());
    return sb;
  }

  /** The meters {@code /metrics} shows; components of the same process add theirs here. */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  public DataPlane dataPlane() {
    return dataPlane;
  }

  /**
   * The V1 and V2 REST inference calls without HTTP, answering as the routes do (for callers in the
   * same process).
   */
  public JsonInference inference() {
    return inference;
  }

  /** The predictor each transformer model calls; a host may set and remove links while serving. */
  public PredictorLinks predictorLinks() {
    return links;
  }

  public ModelRepository repository() {
    return repository;
  }

  /** The bound HTTP port. */
  public int httpPort() {
    return config.httpPort();
  }

  /** The bound gRPC port, or -1 when the dedicated gRPC port is off. */
  public int grpcPort() {
    return config.grpcPort();
  }

  public String host() {
    return config.host();
  }

  /** Stops accepting, drains in-flight requests (bounded), then unloads every model. */
  @Override
  public void close() {
    draining.set(true);
    server.stop().join();
    repository.close();
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
