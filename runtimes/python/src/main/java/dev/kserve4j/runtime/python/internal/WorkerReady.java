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
 * @param roles {@link #TRANSFORMER} and {@link #EXPLAINER} bits: what the model's own methods make
 *     it besides a predictor
 */
public record WorkerReady(
    String error,
    boolean batchable,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs,
    int roles) {
  /** A model with its own preprocess or postprocess and no predict of its own. */
  public static final int TRANSFORMER = 1;

  /** A model with its own explain. */
  public static final int EXPLAINER = 2;

  static WorkerReady failed(String error) {
    return new WorkerReady(error, false, List.of(), List.of(), 0);
  }

  /** Whether the model has {@code role} ({@link #TRANSFORMER} or {@link #EXPLAINER}). */
  public boolean has(int role) {
    return (roles & role) != 0;
  }
}
