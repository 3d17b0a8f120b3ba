package dev.kserve4j.runtime.custom;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.runtime.JsonReply;

/** The answers a user's step gives when it fails: the status of the failure and its message. */
final class ErrorReplies {
  private ErrorReplies() {}

  /** The answer to {@code e}, with the status the REST routes give its kind. */
  static JsonReply of(KServeException e) {
    int status =
        switch (e.kind()) {
          case INVALID_INPUT -> 400;
          case NOT_FOUND -> 404;
          case UNAVAILABLE -> 503;
          case TOO_LARGE -> 413;
          case UNIMPLEMENTED -> 501;
          case MODEL_FAILURE -> 500;
        };
    return of(status, e.getMessage());
  }

  /** {@code {"error": message}} with {@code status}. */
  static JsonReply of(int status, String message) {
    return JsonReply.json(status, V2MetadataCodec.error(message));
  }
}
