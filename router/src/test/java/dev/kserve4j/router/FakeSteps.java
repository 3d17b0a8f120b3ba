package dev.kserve4j.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Steps answered by functions of the body, recording every call, for the executor's tests. */
final class FakeSteps implements StepInvoker {
  private final Map<String, Function<StepCall, CompletableFuture<StepReply>>> services =
      new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  /** {@code service} answers {@code status} and {@code body} whatever it is sent. */
  FakeSteps answer(String service, int status, String body) {
    return on(service, c -> CompletableFuture.completedFuture(reply(status, body)));
  }

  /** {@code service} answers with {@code f} of the call. */
  FakeSteps on(String service, Function<StepCall, CompletableFuture<StepReply>> f) {
    services.put(service, f);
    return this;
  }

  /** {@code service} answers {@code {"<service>": <its body>}}, showing what it received. */
  FakeSteps echo(String service) {
    return on(
        service,
        c ->
            CompletableFuture.completedFuture(
                reply(200, "{\"" + service + "\":" + text(c.body()) + "}")));
  }

  @Override
  public CompletableFuture<StepReply> invoke(GraphStep step, StepCall call) {
    String key = step.serviceName() != null ? step.serviceName() : step.serviceUrl();
    calls.add(key);
    bodies.put(key, call.body());
    Function<StepCall, CompletableFuture<StepReply>> f = services.get(key);
    if (f == null) {
      throw new IllegalStateException("no fake for " + key);
    }
    return f.apply(call);
  }

  static StepReply reply(int status, String body) {
    return new StepReply(status, body.getBytes(StandardCharsets.UTF_8));
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  static RouterGraph graph(String yaml) {
    try {
      ObjectMapper yamlMapper = new YAMLMapper();
      String json = new ObjectMapper().writeValueAsString(yamlMapper.readTree(yaml));
      return RouterGraph.fromJson("g", json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
