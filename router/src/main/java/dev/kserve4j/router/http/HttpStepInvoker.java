package dev.kserve4j.router.http;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.kserve4j.router.GraphStep;
import dev.kserve4j.router.StepCall;
import dev.kserve4j.router.StepInvoker;
import dev.kserve4j.router.StepReply;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Calls a step's {@code serviceUrl} with {@code POST} over HTTP/1.1 or HTTP/2 (pooled connections),
 * as KServe's router does: the propagated headers, {@code Content-Type: application/json} unless
 * the client sent another, and the {@code routerTimeouts.serviceClient} limit (none by default).
 */
public final class HttpStepInvoker implements StepInvoker, AutoCloseable {
  private final ClientFactory factory;
  private final WebClient client;

  /** An invoker whose calls may take at most {@code timeout} (empty: no limit). */
  public HttpStepInvoker(Optional<Duration> timeout) {
    this.factory = ClientFactory.builder().idleTimeout(Duration.ofSeconds(90)).build();
    this.client =
        WebClient.builder()
            .factory(factory)
            .responseTimeout(timeout.orElse(Duration.ZERO))
            .maxResponseLength(0)
            .build();
  }

  @Override
  public CompletableFuture<StepReply> invoke(GraphStep step, StepCall call) {
    RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, step.serviceUrl());
    call.headers().forEach(headers::add);
    if (!headers.contains("content-type")) {
      headers.contentType(MediaType.JSON);
    }
    return client
        .execute(HttpRequest.of(headers.build(), HttpData.wrap(call.body())))
        .aggregate()
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new CompletionException(plain(error));
              }
              return new StepReply(response.status().code(), response.content().array());
            });
  }

  /** Armeria's wrappers taken off: a timeout as such, a refused connection with its address. */
  private static Throwable plain(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof UnprocessedRequestException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ResponseTimeoutException) {
      return new TimeoutException("no answer within the response timeout");
    }
    if (e instanceof ConnectException c) {
      return new ConnectException("connection refused or unreachable: " + c.getMessage());
    }
    return e;
  }

  @Override
  public void close() {
    factory.close();
  }
}
