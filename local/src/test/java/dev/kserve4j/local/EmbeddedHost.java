package dev.kserve4j.local;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.router.http.HeaderPropagation;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded host as {@code kserve4j up} assembles it, for its tests: a real server on an
 * ephemeral port routing by Host and path, model storage with its cache in {@code cache}, the
 * graphs and the control plane.
 */
final class EmbeddedHost implements AutoCloseable {
  final KServeServer server;
  final ModelStorage storage;
  final LocalGraphs graphs;
  final LocalControlPlane control;

  EmbeddedHost(Path cache) {
    ServiceRoutes routes = new ServiceRoutes("example.com");
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(EmbeddedHost.class.getClassLoader()),
            routes);
    routes.enableShadow(server.inference(), server.meterRegistry());
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(Map.of("KSERVE4J_MODEL_CACHE", cache.toString())));
    graphs =
        new LocalGraphs(
            routes,
            server.inference(),
            PlanConfig.defaults(),
            Clock.systemUTC(),
            List.of(),
            HeaderPropagation.none(),
            server.meterRegistry());
    control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            PlanConfig.defaults(),
            Clock.systemUTC(),
            routes,
            graphs,
            ComponentHost.of(server));
  }

  /** POSTs a JSON {@code body} to {@code path}, with {@code host} as the authority when given. */
  AggregatedHttpResponse post(String path, String host, String body) {
    RequestHeadersBuilder headers =
        RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON);
    if (host != null) {
      headers.authority(host);
    }
    return WebClient.of("http://127.0.0.1:" + server.httpPort())
        .execute(headers.build(), body)
        .aggregate()
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
  }

  @Override
  public void close() {
    graphs.close();
    storage.close();
    server.close();
  }
}
