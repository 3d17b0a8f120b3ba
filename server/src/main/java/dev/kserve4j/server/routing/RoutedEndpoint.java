package dev.kserve4j.server.routing;

import dev.kserve4j.runtime.JsonReply;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Something addressed like an InferenceService that answers every request to its host or path
 * itself, whatever the request's path: an InferenceGraph, whose router runs its root node on any
 * {@code POST}.
 */
@FunctionalInterface
public interface RoutedEndpoint {
  /**
   * Answers one request.
   *
   * @param body the request body
   * @param headers the request headers, names in lower case, repeated values joined by commas
   * @return the answer; never completes exceptionally
   */
  CompletableFuture<JsonReply> handle(byte[] body, Map<String, String> headers);
}
