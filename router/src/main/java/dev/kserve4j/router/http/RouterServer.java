package dev.kserve4j.router.http;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerPort;
import dev.kserve4j.api.v1alpha1.RouterTimeouts;
import dev.kserve4j.router.GraphExecutor;
import dev.kserve4j.router.GraphMetrics;
import dev.kserve4j.router.RouterGraph;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code kserve4j router} server: KServe's router on Armeria. Every request except {@code GET
 * /readyz} and {@code GET /metrics} runs the graph's root node, whatever its path and method.
 * Timeouts follow {@code routerTimeouts}: {@code serverRead} bounds receiving a request (408
 * after), {@code serverWrite} the whole exchange, {@code serverIdle} an idle keep-alive connection
 * (defaults 60, 60 and 180 s, as KServe), {@code serviceClient} each step call (no limit by
 * default).
 */
public final class RouterServer implements AutoCloseable {
  /** KServe's defaults for {@code serverRead}, {@code serverWrite} and {@code serverIdle}. */
  static final long DEFAULT_READ = 60;

  static final long DEFAULT_WRITE = 60;
  static final long DEFAULT_IDLE = 180;

  private final Server server;
  private final HttpStepInvoker invoker;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean draining;
  private final RouterSettings settings;
  private final RouterGraph graph;
  private final Duration write;

  private RouterServer(
      Server server,
      HttpStepInvoker invoker,
      PrometheusMeterRegistry registry,
      AtomicBoolean draining,
      RouterSettings settings,
      RouterGraph graph,
      Duration write) {
    this.graph = graph;
    this.write = write;
    this.server = server;
    this.draining = draining;
    this.invoker = invoker;
    this.registry = registry;
    this.settings = settings;
  }

  /**
   * Checks the graph's outbound URLs and starts serving it.
   *
   * @throws dev.kserve4j.router.GraphDefinitionException when a {@code serviceUrl} is not allowed
   */
  public static RouterServer start(RouterGraph graph, RouterSettings settings) {
    new OutboundGuard(settings.allowHosts()).check(graph);
    RouterTimeouts t = Optional.ofNullable(graph.spec().getRouterTimeouts()).orElse(null);
    Duration read = seconds(t == null ? null : t.serverRead(), DEFAULT_READ);
    Duration write = seconds(t == null ? null : t.serverWrite(), DEFAULT_WRITE);
    Duration idle = seconds(t == null ? null : t.serverIdle(), DEFAULT_IDLE);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpStepInvoker invoker = new HttpStepInvoker(graph.serviceClientTimeout());
    GraphExecutor executor = new GraphExecutor(graph, invoker, new GraphMetrics(registry, graph));
    AtomicBoolean draining = new AtomicBoolean();
    GraphService graphService = new GraphService(executor, settings.headers(), read);
    Server server =
        Server.builder()
            .port(
                new ServerPort(
                    new InetSocketAddress(settings.host(), settings.port()), SessionProtocol.HTTP))
            .requestTimeout(write)
            .idleTimeout(idle)
            .maxRequestLength(0)
            .gracefulShutdownTimeout(Duration.ZERO, write)
            .route()
            .get("/readyz")
            .build(
                (ctx, req) ->
                    draining.get()
                        ? HttpResponse.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            MediaType.PLAIN_TEXT_UTF_8,
                            "shutting down\n")
                        : HttpResponse.of(HttpStatus.OK))
            .route()
            .get("/metrics")
            .build(
                (ctx, req) ->
                    HttpResponse.of(
                        HttpStatus.OK,
                        MediaType.parse("text/plain; version=0.0.4; charset=utf-8"),
                        registry.scrape()))
            .serviceUnder("/", graphService)
            .build();
    RouterServer out =
        new RouterServer(server, invoker, registry, draining, settings, graph, write);
    server.start().join();
    return out;
  }

  private static Duration seconds(Long value, long fallback) {
    return Duration.ofSeconds(value == null ? fallback : value);
  }

  /** The port it listens on. */
  public int port() {
    return server.activeLocalPort();
  }

  /** The graph it serves. */
  public RouterGraph graph() {
    return graph;
  }

  /** {@code serverWrite}: the most one exchange may take, and so a drain after the wait. */
  public Duration writeTimeout() {
    return write;
  }

  /** Its meters (the graph's, as {@code /metrics} shows them). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Whether {@link #drain} has begun. */
  public boolean draining() {
    return draining.get();
  }

  /**
   * KServe's shutdown: {@code /readyz} answers 503 "shutting down" at once, requests are still
   * served for the drain period (so that load balancers notice), then the server stops taking
   * requests and waits for those in flight.
   */
  public void drain() throws InterruptedException {
    draining.set(true);
    // KServe's drainSleepDuration: serving goes on while the endpoint is taken out of rotation.
    Thread.sleep(settings.drain().toMillis());
    close();
  }

  @Override
  public void close() {
    draining.set(true);
    server.stop().join();
    invoker.close();
    registry.close();
  }
}
