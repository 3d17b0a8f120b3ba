package dev.kserve4j.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral loopback port (the JDK's {@code HttpServer}) that serves byte
 * bodies by exact path and counts the requests for each, so tests can prove a cache hit made no
 * request.
 */
final class TestingHttpServer implements AutoCloseable {

  /** Answers one exchange; {@link #bytes} covers the usual case. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();

  TestingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String key =
              exchange.getRequestURI().getRawPath()
                  + (exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + exchange.getRequestURI().getRawQuery());
          counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          seen.add(exchange);
          Handler handler = routes.get(key);
          try {
            if (handler == null) {
              respond(exchange, 404, "text/plain", ("no route for " + key).getBytes());
            } else {
              handler.handle(exchange);
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** A handler that answers 200 with {@code body}. */
  static Handler bytes(String contentType, byte[] body) {
    return exchange -> respond(exchange, 200, contentType, body);
  }

  static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Routes the raw path (with {@code ?query} when the request has one) to {@code handler}. */
  TestingHttpServer route(String pathAndQuery, Handler handler) {
    routes.put(pathAndQuery, handler);
    return this;
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests(String pathAndQuery) {
    AtomicInteger count = counts.get(pathAndQuery);
    return count == null ? 0 : count.get();
  }

  int totalRequests() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  List<HttpExchange> exchanges() {
    return seen;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
