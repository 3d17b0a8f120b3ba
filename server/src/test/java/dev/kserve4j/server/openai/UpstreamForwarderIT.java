package dev.kserve4j.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.Server;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forwarding to a real local upstream that speaks OpenAI's streaming format: chunks arrive as the
 * upstream sends them, and failures come back as OpenAI errors.
 */
class UpstreamForwarderIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PAUSE_MS = 3000;
  private static Server upstream;
  private static Server front;
  private static final List<String> receivedModels = new CopyOnWriteArrayList<>();
  private static final UpstreamForwarder forwarder = new UpstreamForwarder();

  @BeforeAll
  static void start() {
    upstream =
        Server.builder()
            .http(0)
            .service(
                "/v1/chat/completions",
                (ctx, req) ->
                    HttpResponse.of(
                        req.aggregate()
                            .thenApply(
                                agg -> {
                                  JsonNode body = read(agg.contentUtf8());
                                  receivedModels.add(body.path("model").asText());
                                  HttpResponseWriter out = HttpResponse.streaming();
                                  out.write(
                                      ResponseHeaders.of(
                                          HttpStatus.OK, "content-type", "text/event-stream"));
                                  out.write(
                                      HttpData.ofUtf8(
                                          "data:"
                                              + " {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"));
                                  ctx.eventLoop()
                                      .schedule(
                                          () -> {
                                            out.write(
                                                HttpData.ofUtf8(
                                                    "data:"
                                                        + " {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n"));
                                            out.write(HttpData.ofUtf8("data: [DONE]\n\n"));
                                            out.close();
                                          },
                                          PAUSE_MS,
                                          TimeUnit.MILLISECONDS);
                                  return out;
                                })))
            .service(
                "/v1/completions",
                (ctx, req) ->
                    HttpResponse.delayed(
                        HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{}"),
                        Duration.ofSeconds(3)))
            .service(
                "/v1/embeddings",
                (ctx, req) ->
                    HttpResponse.of(
                        HttpStatus.BAD_REQUEST,
                        MediaType.JSON_UTF_8,
                        "{\"error\":{\"message\":\"input too"
                            + " long\",\"type\":\"invalid_request_error\",\"param\":\"input\",\"code\":null}}"))
            .service(
                "/v1/broken",
                (ctx, req) ->
                    HttpResponse.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        MediaType.PLAIN_TEXT_UTF_8,
                        "engine crashed\nat line 3"))
            .build();
    upstream.start().join();
    URI upstreamUri = URI.create("http://127.0.0.1:" + upstream.activeLocalPort() + "/v1");
    // A generous timeout where the upstream answers, so that a first connection on a loaded
    // machine is not taken for a silent upstream; 1 s where the test is that timeout.
    OpenAiUpstream target =
        new OpenAiUpstream(upstreamUri, "upstream-llm", Duration.ofSeconds(30), null);
    OpenAiUpstream impatient =
        new OpenAiUpstream(upstreamUri, "upstream-llm", Duration.ofSeconds(1), null);
    OpenAiUpstream down =
        new OpenAiUpstream(
            URI.create("http://127.0.0.1:" + freePort() + "/v1"), "x", Duration.ofSeconds(1), null);
    front =
        Server.builder()
            .http(0)
            .service(
                "glob:/front/**",
                (ctx, req) ->
                    HttpResponse.of(
                        req.aggregate()
                            .thenApply(
                                agg -> {
                                  String path = ctx.path().substring("/front".length());
                                  ObjectNode body = (ObjectNode) read(agg.contentUtf8());
                                  if (path.startsWith("/down")) {
                                    return forwarder.forward("m", down, path.substring(5), body);
                                  }
                                  if (path.startsWith("/impatient")) {
                                    return forwarder.forward(
                                        "m", impatient, path.substring(10), body);
                                  }
                                  return forwarder.forward("m", target, path, body);
                                })))
            .build();
    front.start().join();
  }

  @AfterAll
  static void stop() {
    front.stop().join();
    upstream.stop().join();
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AggregatedHttpResponse post(String path, String body) {
    return WebClient.of("http://127.0.0.1:" + front.activeLocalPort())
        .prepare()
        .post(path)
        .content(MediaType.JSON_UTF_8, body)
        .execute()
        .aggregate()
        .join();
  }

  @Test
  void aStreamPassesThroughChunkByChunkWithTheUpstreamsModelName() throws Exception {
    long start = System.nanoTime();
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    StringBuilder text = new StringBuilder();
    WebClient.of("http://127.0.0.1:" + front.activeLocalPort())
        .prepare()
        .post("/front/chat/completions")
        .content(MediaType.JSON_UTF_8, "{\"model\":\"m\",\"stream\":true,\"messages\":[]}")
        .execute()
        .subscribe(
            new org.reactivestreams.Subscriber<>() {
              public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              public void onNext(com.linecorp.armeria.common.HttpObject o) {
                if (o instanceof HttpData d && !d.isEmpty()) {
                  arrivals.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                  synchronized (text) {
                    text.append(d.toString(StandardCharsets.UTF_8));
                  }
                }
              }

              public void onError(Throwable t) {}

              public void onComplete() {}
            });
    org.awaitility.Awaitility.await("the whole stream")
        .atMost(Duration.ofSeconds(30))
        .until(() -> text.toString().contains("[DONE]"));

    assertThat(receivedModels).contains("upstream-llm");
    assertThat(text.toString()).contains("\"Hel\"", "\"lo\"", "data: [DONE]");
    assertThat(arrivals.get(0))
        .as("first chunk before the upstream's pause ended")
        .isLessThan(PAUSE_MS - 300);
    assertThat(arrivals.get(arrivals.size() - 1)).isGreaterThanOrEqualTo(PAUSE_MS - 100);
  }

  @Test
  void anUnreachableUpstreamIs502() {
    AggregatedHttpResponse r = post("/front/down/chat/completions", "{\"model\":\"m\"}");
    assertThat(r.status().code()).isEqualTo(502);
    JsonNode error = read(r.contentUtf8()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("upstream_unreachable");
    assertThat(error.path("message").asText())
        .startsWith("model 'm': upstream http://127.0.0.1:")
        .contains("is unreachable");
  }

  @Test
  void anUpstreamThatDoesNotStartAnsweringInTimeIs504() {
    AggregatedHttpResponse r =
        post("/front/impatient/completions", "{\"model\":\"m\",\"prompt\":\"hi\"}");
    assertThat(r.status().code()).isEqualTo(504);
    assertThat(read(r.contentUtf8()).at("/error/message").asText())
        .endsWith("did not start answering within 1 s (timeoutSeconds)");
  }

  @Test
  void upstreamErrorsArePassedThroughOrWrapped() {
    AggregatedHttpResponse openAiError =
        post("/front/embeddings", "{\"model\":\"m\",\"input\":\"x\"}");
    assertThat(openAiError.status().code()).isEqualTo(400);
    assertThat(read(openAiError.contentUtf8()).at("/error/param").asText()).isEqualTo("input");

    AggregatedHttpResponse other = post("/front/broken", "{\"model\":\"m\"}");
    assertThat(other.status().code()).isEqualTo(502);
    assertThat(read(other.contentUtf8()).at("/error/message").asText())
        .endsWith("answered 500: engine crashed at line 3");
    assertThat(read(other.contentUtf8()).at("/error/code").asText()).isEqualTo("upstream_error");
  }
}
