package dev.kserve4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graph steps on a real socket: each path answers a fixed status and body, and records the headers
 * and body it received. {@code /hold} answers only once {@link #release} is called.
 */
final class StepServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String[]> answers = new ConcurrentHashMap<>();
  final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final AtomicInteger held = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  StepServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code path} answers {@code status} with {@code body}. */
  StepServer on(String path, int status, String body) {
    answers.put(path, new String[] {Integer.toString(status), body});
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void release() {
    release.countDown();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    headers.add(Map.copyOf(ex.getRequestHeaders()));
    bodies.add(body);
    String path = ex.getRequestURI().getPath();
    String[] answer = answers.getOrDefault(path, new String[] {"200", "{\"echo\":" + body + "}"});
    if (path.equals("/hold")) {
      held.incrementAndGet();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] out = answer[1].getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(Integer.parseInt(answer[0]), out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
