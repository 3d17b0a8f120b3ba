package dev.kserve4j.controller.webhook;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server of KServe's validating webhooks ({@link AdmissionRoutes}), with the certificate
 * in {@code tls.crt} and {@code tls.key} of a directory, reloaded when they change. Every replica
 * of the controller serves it, leader or not: admission does not wait for an election.
 */
public final class WebhookServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  private final HttpsServer server;
  private final ExecutorService executor;

  private WebhookServer(HttpsServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Serves KServe's webhooks on {@code port} of every interface (0 for a free one), listing
   * existing runtimes through {@code client}; fails when the certificate directory holds no usable
   * pair.
   */
  public static WebhookServer start(KubernetesClient client, int port, Path certDir)
      throws IOException {
    requireNonNull(client, "client");
    return start(new InetSocketAddress(port), certDir, new AdmissionRoutes(client).all());
  }

  /** Serves {@code routes} on {@code address} with the certificate of {@code certDir}. */
  public static WebhookServer start(
      InetSocketAddress address, Path certDir, Map<String, AdmissionValidator> routes)
      throws IOException {
    requireNonNull(address, "address");
    requireNonNull(certDir, "certDir");
    if (address.getPort() < 0 || address.getPort() > 65535) {
      throw new IllegalArgumentException(
          "webhook port " + address.getPort() + " (expected: 0 to 65535)");
    }
    ReloadingKeyManager keys = new ReloadingKeyManager(certDir);
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(keys.sslContext()));
    server.createContext("/", new AdmissionWebhook(routes));
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    LOG.info(
        "admission webhooks on https://{}:{} {} (certificate from {})",
        address.getHostString(),
        server.getAddress().getPort(),
        routes.keySet(),
        certDir);
    return new WebhookServer(server, executor);
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets requests in flight finish for up to a second, then stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.close();
  }
}
