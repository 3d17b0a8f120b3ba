package dev.kserve4j.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * ONNX Runtime session settings read from a {@link ModelSpec}'s options.
 *
 * <ul>
 *   <li>{@code intraOpThreads}: threads one inference may use inside an operator; default 1,
 *       because the server already runs requests concurrently; 0 lets ONNX Runtime pick (one per
 *       physical core).
 *   <li>{@code device}: {@code cpu} (default), {@code cuda} or {@code cuda:<n>} for GPU {@code n}.
 *       CUDA needs the {@code onnxruntime_gpu} artifact; when its provider is missing the load
 *       fails rather than silently running on the CPU.
 * </ul>
 *
 * <p>Inter-op threads are fixed at 1 (sequential execution of independent nodes) and graph
 * optimisation at {@code ALL_OPT}.
 *
 * @param intraOpThreads threads per operator, 0 for ONNX Runtime's default
 * @param cudaDevice the CUDA device number, or empty for the CPU
 */
record OnnxSessionConfig(int intraOpThreads, OptionalInt cudaDevice) {
  static final String INTRA_OP_THREADS = "intraOpThreads";
  static final String DEVICE = "device";

  static OnnxSessionConfig from(ModelSpec spec) {
    int threads;
    try {
      threads = spec.intOption(INTRA_OP_THREADS, 1);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    if (threads < 0) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': option "
              + INTRA_OP_THREADS
              + "="
              + threads
              + " (expected >= 0; 0 lets ONNX Runtime choose)");
    }
    return new OnnxSessionConfig(threads, cudaDevice(spec));
  }

  private static OptionalInt cudaDevice(ModelSpec spec) {
    String device = spec.option(DEVICE).orElse("cpu").trim().toLowerCase(Locale.ROOT);
    if (device.equals("cpu")) {
      return OptionalInt.empty();
    }
    if (device.equals("cuda")) {
      return OptionalInt.of(0);
    }
    if (device.matches("cuda:\\d{1,4}")) {
      return OptionalInt.of(Integer.parseInt(device.substring("cuda:".length())));
    }
    throw new ModelLoadException(
        "model '"
            + spec.name()
            + "': option "
            + DEVICE
            + "="
            + spec.options().get(DEVICE)
            + " (expected cpu, cuda or cuda:<n>)");
  }

  /** Session options for these settings; the caller closes them. */
  SessionOptions toSessionOptions(String modelName) throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      if (cudaDevice.isPresent()) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
          throw new ModelLoadException(
              "model '"
                  + modelName
                  + "': option "
                  + DEVICE
                  + " asks for CUDA but this ONNX Runtime"
                  + " has only "
                  + OrtEnvironment.getAvailableProviders()
                  + " (expected the onnxruntime_gpu artifact and a CUDA installation)");
        }
        options.addCUDA(cudaDevice.getAsInt());
      }
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
