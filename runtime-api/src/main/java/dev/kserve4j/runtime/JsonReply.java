package dev.kserve4j.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * A complete answer to one JSON-protocol request, free of any transport: what a {@link
 * JsonPredictor} returns, and what the server's transport-free inference calls answer (errors
 * included, with the status and body the REST routes give).
 *
 * @param status the HTTP status
 * @param contentType the media type of {@code body}: {@link #JSON} for JSON; otherwise, e.g. text a
 *     model returned as a string, or the Open Inference Protocol's binary tensor data
 * @param body the body (empty for statuses that have none)
 * @param headers further response headers (names in lower case), e.g. {@code
 *     inference-header-content-length} of a binary tensor response or the headers of a model's
 *     {@code HTTPException}; never {@code content-type}
 */
public record JsonReply(int status, String contentType, byte[] body, Map<String, String> headers) {
  /** The media type of a JSON body. */
  public static final String JSON = "application/json";

  public JsonReply {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status + " (expected 100..599)");
    }
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    requireNonNull(headers, "headers");
    headers = Map.copyOf(headers);
    for (String name : headers.keySet()) {
      if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.equals("content-type")) {
        throw new IllegalArgumentException(
            "header '" + name + "' (expected a lower-case name other than content-type)");
      }
    }
  }

  /** A JSON body with no further headers. */
  public static JsonReply json(int status, byte[] body) {
    return new JsonReply(status, JSON, body, Map.of());
  }

  /** Whether the body is JSON. */
  public boolean json() {
    return contentType.equals(JSON) || contentType.startsWith(JSON + ";");
  }
}
