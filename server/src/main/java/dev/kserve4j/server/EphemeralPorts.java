package dev.kserve4j.server;

import dev.kserve4j.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Turns port 0 ("any free port") into concrete free ports before binding, so that the HTTP and the
 * gRPC port stay distinguishable after start.
 */
final class EphemeralPorts {
  private EphemeralPorts() {}

  static ServerConfig resolve(ServerConfig config) {
    int http = config.httpPort() == 0 ? free(config.host()) : config.httpPort();
    int grpc = config.grpcPort() == 0 ? free(config.host()) : config.grpcPort();
    while (grpc == http) {
      grpc = free(config.host());
    }
    return config.withPorts(config.host(), http, grpc);
  }

  private static int free(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }
}
