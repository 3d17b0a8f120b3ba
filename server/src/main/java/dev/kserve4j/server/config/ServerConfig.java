package dev.kserve4j.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the server listens and what it serves; built once, immutable.
 *
 * @param host the address to bind (default 127.0.0.1)
 * @param httpPort the HTTP port (REST, gRPC, metrics); 0 picks a free one (default 8080)
 * @param grpcPort the dedicated gRPC port; 0 picks a free one, -1 disables it (default 8081)
 * @param maxRequestBytes the largest request body accepted, else 413 (default 64 MiB)
 * @param drainTimeout how long shutdown waits for in-flight requests (default 30 s)
 * @param workerThreads threads that run model calls (default: available processors, at least 2)
 * @param models the models to load at start
 * @param modelRepository the directory whose subdirectories the repository API loads by name when
 *     no model of that name is configured ({@code POST /v2/repository/models/{name}/load}), or null
 *     for none
 */
public record ServerConfig(
    String host,
    int httpPort,
    int grpcPort,
    long maxRequestBytes,
    Duration drainTimeout,
    int workerThreads,
    List<ModelConfig> models,
    Path modelRepository) {

  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  public ServerConfig {
    checkPort("httpPort", httpPort, 0);
    checkPort("grpcPort", grpcPort, -1);
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException(
          "maxRequestBytes: " + maxRequestBytes + " (expected: >= 1)");
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads: " + workerThreads + " (expected: >= 1)");
    }
    models = List.copyOf(models);
  }

  /** A config without a model repository directory. */
  public ServerConfig(
      String host,
      int httpPort,
      int grpcPort,
      long maxRequestBytes,
      Duration drainTimeout,
      int workerThreads,
      List<ModelConfig> models) {
    this(host, httpPort, grpcPort, maxRequestBytes, drainTimeout, workerThreads, models, null);
  }

  private static void checkPort(String field, int port, int min) {
    if (port < min || port > 65535) {
      throw new IllegalArgumentException(
          field + ": " + port + " (expected: " + min + ".." + 65535 + ")");
    }
  }

  /** Defaults for everything, serving {@code models}. */
  public static ServerConfig defaults(List<ModelConfig> models) {
    return new ServerConfig(
        "127.0.0.1",
        8080,
        8081,
        DEFAULT_MAX_REQUEST_BYTES,
        Duration.ofSeconds(30),
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        models);
  }

  /** The same config on ephemeral ports, for tests and benchmarks. */
  public ServerConfig onEphemeralPorts() {
    return new ServerConfig(
        host,
        0,
        grpcPort < 0 ? -1 : 0,
        maxRequestBytes,
        drainTimeout,
        workerThreads,
        models,
        modelRepository);
  }

  public ServerConfig withMaxRequestBytes(long bytes) {
    return new ServerConfig(
        host, httpPort, grpcPort, bytes, drainTimeout, workerThreads, models, modelRepository);
  }

  public ServerConfig withPorts(String newHost, int http, int grpc) {
    return new ServerConfig(
        newHost, http, grpc, maxRequestBytes, drainTimeout, workerThreads, models, modelRepository);
  }

  public ServerConfig withDrainTimeout(Duration timeout) {
    return new ServerConfig(
        host, httpPort, grpcPort, maxRequestBytes, timeout, workerThreads, models, modelRepository);
  }

  /**
   * The same config, loading unconfigured models by name from {@code directory} (null for none).
   */
  public ServerConfig withModelRepository(Path directory) {
    return new ServerConfig(
        host, httpPort, grpcPort, maxRequestBytes, drainTimeout, workerThreads, models, directory);
  }
}
