package dev.kserve4j.runtime.python.internal;

import dev.kserve4j.protocol.TensorMetadata;
import java.util.List;

/**
 * A worker's load result: an error, or whether the model is batchable and what it declares.
 *
 * @param error the load failure, or null when the model loaded
 * @param batchable whether requests may be merged along dimension 0
 * @param inputs declared inputs (may be empty: scikit-learn declares none, as in KServe)
 * @param outputs declared outputs (may be empty)
 */
public record WorkerReady(
    String error, boolean batchable, List<TensorMetadata> inputs, List<TensorMetadata> outputs) {
  static WorkerReady failed(String error) {
    return new WorkerReady(error, false, List.of(), List.of());
  }
}
