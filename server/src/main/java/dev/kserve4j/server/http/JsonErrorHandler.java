package dev.kserve4j.server.http;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.server.grpc.GrpcStatusMapper;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;

/**
 * Renders the errors the HTTP layer produces before a route runs (a body over the size limit
 * announced by Content-Length, a malformed request line, an unsupported method) in the same {@code
 * {"error": "..."}} shape as the routes' own errors. A gRPC request gets the same message as a gRPC
 * status instead (a trailers-only response), because gRPC clients read {@code grpc-status}, not the
 * HTTP status: without it a body over the limit reaches them as UNKNOWN "HTTP status code 413".
 */
public final class JsonErrorHandler implements ServerErrorHandler {
  private final HttpErrors errors;

  /**
   * @param errors the server's mapper, whose messages these errors share
   */
  public JsonErrorHandler(HttpErrors errors) {
    this.errors = java.util.Objects.requireNonNull(errors, "errors");
  }

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    return null; // the routes map their own failures through HttpErrors
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx,
      ServiceConfig config,
      RequestHeaders headers,
      HttpStatus status,
      String description,
      Throwable cause) {
    if (status.code() < 400) {
      return null;
    }
    String message;
    if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
      message = errors.tooLargeMessage();
    } else {
      String what = headers == null ? "request" : headers.method() + " " + headers.path();
      message =
          status.reasonPhrase()
              + ": "
              + what
              + (description == null ? "" : " (" + description + ")");
    }
    MediaType type = headers == null ? null : headers.contentType();
    if (type != null && type.subtype().startsWith("grpc")) {
      Status grpc = GrpcStatusMapper.forHttpStatus(status.code(), message);
      return AggregatedHttpResponse.of(
          ResponseHeaders.builder(HttpStatus.OK)
              .contentType(type)
              .add("grpc-status", Integer.toString(grpc.getCode().value()))
              .add("grpc-message", percentEncoded(grpc.getDescription()))
              .build());
    }
    return AggregatedHttpResponse.of(status, MediaType.JSON, V2MetadataCodec.error(message));
  }

  /** {@code grpc-message} is percent-encoded UTF-8 (gRPC over HTTP/2, "Responses"). */
  private static String percentEncoded(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= ' ' && b <= '~' && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.toString();
  }
}
