package dev.kserve4j.cli;

import dev.kserve4j.router.RouterGraph;
import dev.kserve4j.router.http.HeaderPropagation;
import dev.kserve4j.router.http.RouterServer;
import dev.kserve4j.router.http.RouterSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j router}: runs one InferenceGraph as KServe's router does; the command the
 * operator's router Deployment runs.
 */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an InferenceGraph: POST on any path runs its root node; GET /readyz, GET /metrics.",
      "Headers matching the comma-separated regular expressions of $PROPAGATE_HEADERS go to every"
          + " step, as do x-request-id and the W3C trace context.",
      "On SIGTERM /readyz answers 503 \"shutting down\" for --drain-timeout seconds while requests"
          + " are still served; then requests in flight finish and it exits 0."
    })
public final class RouterCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RouterCommand.class);

  @Option(
      names = "--graph-json",
      required = true,
      paramLabel = "JSON",
      description =
          "The InferenceGraph spec as JSON, service URLs resolved (as the operator passes it).")
  String graphJson;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "The HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--graph-name",
      defaultValue = "${env:INFERENCE_GRAPH_NAME:-graph}",
      description =
          "The graph's name in metrics and errors (default: $INFERENCE_GRAPH_NAME, else graph).")
  String graphName;

  @Option(
      names = "--allow-host",
      paramLabel = "PATTERN",
      description =
          "A host serviceUrl steps may reach beyond the graph's own InferenceServices ('*' for any"
              + " characters, optional :port); repeatable. Other hosts are refused at start.")
  List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--drain-timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description =
          "How long /readyz answers 503 before the server stops taking requests (default:"
              + " ${DEFAULT-VALUE}, as KServe's router).")
  long drainSeconds;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      System.err.println("kserve4j router: --port " + port + " (expected 0 to 65535)");
      return 1;
    }
    if (drainSeconds < 0) {
      System.err.println(
          "kserve4j router: --drain-timeout " + drainSeconds + " (expected: >= 0 seconds)");
      return 1;
    }
    RouterServer server;
    try {
      RouterGraph graph = RouterGraph.fromJson(graphName, graphJson);
      RouterSettings settings =
          new RouterSettings(
              host,
              port,
              allowHosts,
              HeaderPropagation.parse(System.getenv(HeaderPropagation.ENV)),
              Duration.ofSeconds(drainSeconds));
      server = RouterServer.start(graph, settings);
    } catch (IllegalArgumentException e) { // GraphDefinitionException included
      System.err.println("kserve4j router: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger status = new AtomicInteger();
    AtomicReference<RouterServer> running = new AtomicReference<>(server);
    SignalHandlers.onTerminate(
        () -> {
          log.info(
              "shutting down: /readyz answers 503 for {} s, then requests in flight finish",
              drainSeconds);
          ShutdownSequence shutdown =
              ShutdownSequence.of(
                  Duration.ofSeconds(
                      drainSeconds
                          + running.get().writeTimeout().toSeconds()
                          + ShutdownSequence.CLEANUP_SECONDS));
          shutdown.then("draining the router's requests in flight", running.get()::drain);
          status.set(shutdown.run());
          if (status.get() == 0) {
            log.info("stopped");
          }
          stopped.countDown();
        });
    log.info(
        "kserve4j ready: router of InferenceGraph {}, REST http://{}:{}, nodes {}",
        graphName,
        host,
        server.port(),
        server.graph().nodes().keySet());
    return SignalHandlers.awaitStopped(stopped, status);
  }
}
