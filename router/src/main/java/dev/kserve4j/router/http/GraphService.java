package dev.kserve4j.router.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.router.GraphAnswer;
import dev.kserve4j.router.GraphExecutor;
import dev.kserve4j.router.StepCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A graph as an HTTP service: the request body runs the root node and the answer is written as
 * KServe's router writes it (the graph's status, {@code Content-Type: application/json} only for a
 * JSON body), with the request id the steps received.
 */
public final class GraphService implements HttpService {
  private final GraphExecutor executor;
  private final HeaderPropagation headers;
  private final Duration readTimeout;

  /**
   * Serves {@code executor}'s graph, propagating {@code headers} to its steps.
   *
   * @param readTimeout how long receiving a request may take (408 after)
   */
  public GraphService(GraphExecutor executor, HeaderPropagation headers, Duration readTimeout) {
    this.executor = executor;
    this.headers = headers;
    this.readTimeout = readTimeout;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(
        req.aggregate()
            .orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .thenCompose(
                agg -> {
                  StepCall call = headers.call(agg.headers(), agg.content().array());
                  List<String> id = call.headers().get(HeaderPropagation.REQUEST_ID);
                  return executor.execute(call).thenApply(answer -> write(answer, id.get(0)));
                })
            .exceptionally(
                e ->
                    HttpResponse.of(
                        HttpStatus.REQUEST_TIMEOUT,
                        MediaType.JSON,
                        "{\"error\": \"Failed to process request\", \"cause\": \"the request"
                            + " body was not received within routerTimeouts.serverRead ("
                            + readTimeout.toSeconds()
                            + " s)\"}")));
  }

  static HttpResponse write(GraphAnswer answer, String requestId) {
    ResponseHeadersBuilder out = ResponseHeaders.builder(HttpStatus.valueOf(answer.status()));
    if (answer.json()) {
      out.contentType(MediaType.JSON);
    }
    out.set(HeaderPropagation.REQUEST_ID, requestId);
    return HttpResponse.of(out.build(), HttpData.wrap(answer.body()));
  }
}
