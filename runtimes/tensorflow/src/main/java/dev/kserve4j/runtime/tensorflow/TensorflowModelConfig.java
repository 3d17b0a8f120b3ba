package dev.kserve4j.runtime.tensorflow;

import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * TensorFlow settings read from a {@link ModelSpec}'s options.
 *
 * <ul>
 *   <li>{@code signature}: the SignatureDef to serve; default {@code serving_default}, the key TF
 *       Serving and KServe's tensorflow predictor use.
 *   <li>{@code intraOpThreads}: threads one operation may use; default 1, because the server
 *       already runs requests concurrently; 0 lets TensorFlow pick (one per core).
 *   <li>{@code interOpThreads}: threads running independent operations of one request in parallel;
 *       default 1; 0 lets TensorFlow pick.
 * </ul>
 *
 * @param signature the signature key
 * @param intraOpThreads threads per operation, 0 for TensorFlow's default
 * @param interOpThreads threads across operations, 0 for TensorFlow's default
 */
record TensorflowModelConfig(String signature, int intraOpThreads, int interOpThreads) {
  static final String SIGNATURE = "signature";
  static final String INTRA_OP_THREADS = "intraOpThreads";
  static final String INTER_OP_THREADS = "interOpThreads";
  static final String DEFAULT_SIGNATURE = "serving_default";

  static TensorflowModelConfig from(ModelSpec spec) {
    String signature = spec.option(SIGNATURE).map(String::trim).orElse(DEFAULT_SIGNATURE);
    if (signature.isEmpty()) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': option "
              + SIGNATURE
              + " is empty (expected a signature key, e.g. "
              + DEFAULT_SIGNATURE
              + ")");
    }
    return new TensorflowModelConfig(
        signature, threads(spec, INTRA_OP_THREADS), threads(spec, INTER_OP_THREADS));
  }

  private static int threads(ModelSpec spec, String option) {
    int threads;
    try {
      threads = spec.intOption(option, 1);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    if (threads < 0) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': option "
              + option
              + "="
              + threads
              + " (expected >= 0; 0 lets TensorFlow choose)");
    }
    return threads;
  }

  /** The session configuration for these settings. */
  ConfigProto toConfigProto() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .build();
  }
}
