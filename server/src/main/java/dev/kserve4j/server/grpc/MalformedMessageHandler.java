package dev.kserve4j.server.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Answers a request message that is not valid protobuf with INVALID_ARGUMENT and a message that
 * says what was expected, instead of the transport's INTERNAL "Invalid protobuf byte sequence": the
 * client sent bad input, the server did not fail. Other failures are left to the next handler.
 */
public final class MalformedMessageHandler implements GrpcExceptionHandlerFunction {

  @Override
  public Status apply(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
    if (status.getCode() != Status.Code.INTERNAL || !isMalformedProtobuf(status, cause)) {
      return null;
    }
    String method = ctx.path().substring(ctx.path().lastIndexOf('/') + 1);
    return Status.INVALID_ARGUMENT.withDescription(
        "request message of "
            + method
            + " is not valid protobuf ("
            + (status.getDescription() == null ? "undecodable bytes" : status.getDescription())
            + "; expected a protobuf-encoded inference."
            + method
            + "Request)");
  }

  private static boolean isMalformedProtobuf(Status status, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof InvalidProtocolBufferException) {
        return true;
      }
    }
    return "Invalid protobuf byte sequence".equals(status.getDescription());
  }
}
