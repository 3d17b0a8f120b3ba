package dev.kserve4j.controller.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code AdmissionReview} requests and writes their responses, in {@code admission.k8s.io/v1}
 * or {@code v1beta1} (the response uses the request's version, as the API server requires).
 */
final class AdmissionReviewCodec {
  static final String V1 = "admission.k8s.io/v1";
  static final List<String> API_VERSIONS = List.of(V1, "admission.k8s.io/v1beta1");
  private static final String EXPECTED =
      " (expected: an AdmissionReview of "
          + String.join(" or ", API_VERSIONS)
          + " with request.uid, request.operation and request.object)";

  private final ObjectMapper json = new ObjectMapper();

  /** A review as read: its version, for the response, and its request. */
  record Review(String apiVersion, AdmissionRequest request) {}

  /** The review in {@code body}; throws {@link BadReviewException} saying what is wrong with it. */
  Review read(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new BadReviewException(
          "the request body is not valid JSON: " + e.getOriginalMessage() + EXPECTED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new BadReviewException(
          "the request body is "
              + (root == null
                  ? "empty"
                  : "a JSON " + root.getNodeType().toString().toLowerCase(Locale.ROOT))
              + EXPECTED);
    }
    String kind = root.path("kind").asText("");
    String apiVersion = root.path("apiVersion").asText("");
    if (!"AdmissionReview".equals(kind) || !API_VERSIONS.contains(apiVersion)) {
      throw new BadReviewException(
          "apiVersion \"" + apiVersion + "\", kind \"" + kind + "\"" + EXPECTED);
    }
    JsonNode request = root.path("request");
    if (!request.isObject()) {
      throw new BadReviewException("request is missing" + EXPECTED);
    }
    String uid = request.path("uid").asText("");
    String operation = request.path("operation").asText("");
    if (uid.isEmpty() || operation.isEmpty()) {
      throw new BadReviewException(
          "request." + (uid.isEmpty() ? "uid" : "operation") + " is missing" + EXPECTED);
    }
    return new Review(
        apiVersion,
        new AdmissionRequest(
            uid,
            operation,
            request.path("namespace").asText(""),
            request.path("object"),
            request.path("oldObject")));
  }

  /** The response review for {@code uid} carrying {@code verdict}, as JSON. */
  byte[] write(String apiVersion, String uid, Verdict verdict) {
    ObjectNode root = json.createObjectNode();
    root.put("apiVersion", apiVersion);
    root.put("kind", "AdmissionReview");
    ObjectNode response = root.putObject("response");
    response.put("uid", uid);
    response.put("allowed", verdict.allowed());
    ObjectNode status = response.putObject("status");
    status.putObject("metadata");
    status.put("code", verdict.code());
    if (verdict.reason() != null) {
      status.put("reason", verdict.reason());
    }
    if (verdict.message() != null) {
      status.put("message", verdict.message());
    }
    if (!verdict.warnings().isEmpty()) {
      verdict.warnings().forEach(response.putArray("warnings")::add);
    }
    try {
      return json.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP body that is not an AdmissionReview the webhook can answer. */
  static final class BadReviewException extends RuntimeException {
    BadReviewException(String message) {
      super(message);
    }
  }
}
