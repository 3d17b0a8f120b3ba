package dev.kserve4j.runtime.python.internal;

import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.JsonReply;
import java.util.List;

/**
 * A worker's answer to one request.
 *
 * @param status {@link #OK}, {@link #INVALID_INPUT} or {@link #MODEL_FAILURE}
 * @param outputs the output tensors of an infer request when OK
 * @param json the answer to a JSON request when OK, else null
 * @param message what went wrong otherwise
 */
public record WorkerReply(int status, List<Tensor> outputs, JsonReply json, String message) {
  public static final int OK = 0;
  public static final int INVALID_INPUT = 1;
  public static final int MODEL_FAILURE = 2;

  static WorkerReply failed(int status, String message) {
    return new WorkerReply(status, List.of(), null, message);
  }
}
