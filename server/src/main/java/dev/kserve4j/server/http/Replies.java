package dev.kserve4j.server.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Between Armeria's requests and responses and the transport-free calls' headers and replies. */
final class Replies {
  private Replies() {}

  /** The HTTP response carrying {@code reply}. */
  static HttpResponse response(JsonReply reply) {
    ResponseHeadersBuilder headers =
        ResponseHeaders.builder(HttpStatus.valueOf(reply.status())).contentType(mediaType(reply));
    reply.headers().forEach(headers::add);
    return HttpResponse.of(headers.build(), HttpData.wrap(reply.body()));
  }

  private static MediaType mediaType(JsonReply reply) {
    if (reply.json()) {
      return MediaType.JSON;
    }
    try {
      return MediaType.parse(reply.contentType());
    } catch (IllegalArgumentException e) {
      return MediaType.OCTET_STREAM; // a model's own content-type header that is not a media type
    }
  }

  /** The body and headers of {@code request}, once it has arrived. */
  static CompletableFuture<JsonInference.Request> request(HttpRequest request) {
    return request
        .aggregate()
        .thenApply(agg -> new JsonInference.Request(agg.content().array(), headers(agg.headers())));
  }

  /**
   * The request headers as KServe's Python server hands them to a model: names in lower case,
   * without HTTP/2 pseudo-headers, {@code host} from the authority, repeated values joined by
   * commas.
   */
  private static Map<String, String> headers(RequestHeaders request) {
    Map<String, String> out = new LinkedHashMap<>();
    request.forEach(
        (name, value) -> {
          if (!name.toString().startsWith(":")) {
            out.merge(name.toString(), value, (a, b) -> a + "," + b);
          }
        });
    String authority = request.authority();
    if (authority != null && !out.containsKey(HttpHeaderNames.HOST.toString())) {
      out.put(HttpHeaderNames.HOST.toString(), authority);
    }
    return out;
  }
}
