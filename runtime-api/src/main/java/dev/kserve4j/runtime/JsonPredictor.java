package dev.kserve4j.runtime;

import java.util.Map;

/**
 * A model that reads KServe V1 request bodies itself, as KServe's Python server hands them to a
 * custom model: the parsed body (any JSON value, not only {@code instances}) plus the request
 * headers in, any JSON (or text) out. A runtime exposes it through {@link Model#jsonPredictor()};
 * the server then passes V1 {@code :predict} bodies to it instead of decoding them into tensors.
 *
 * <p>Implementations must be safe to call from several threads at once. A call may block (it runs
 * on the server's model-worker threads, never on an event loop).
 */
@FunctionalInterface
public interface JsonPredictor {

  /**
   * Answers one request body.
   *
   * @param body the body as received (normally JSON)
   * @param headers the request headers, names in lower case
   * @return the answer; failures the model reports itself (its exceptions, mapped to the statuses
   *     and bodies KServe gives them) are answers with an error status
   * @throws dev.kserve4j.common.KServeException when the runtime cannot run the model at all (a
   *     worker that crashed or timed out: UNAVAILABLE; a broken runtime: MODEL_FAILURE)
   */
  JsonReply predict(byte[] body, Map<String, String> headers);
}
