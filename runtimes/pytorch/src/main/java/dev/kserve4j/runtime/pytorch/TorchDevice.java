package dev.kserve4j.runtime.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.util.Locale;

/**
 * The device a model runs on, from the {@code device} option: {@code cpu} (default), {@code cuda}
 * (GPU 0) or {@code cuda:<n>}.
 *
 * <p>A GPU is used only when asked for, and only when the engine can reach it: libtorch must be a
 * CUDA build (the {@code pytorch-native-cpu} jar is not; point {@code PYTORCH_LIBRARY_PATH} at a
 * CUDA libtorch and set {@code PYTORCH_FLAVOR}, e.g. {@code cu128}, to use one) and CUDA must
 * report the GPU. Otherwise the load fails; there is no silent fall back to the CPU.
 *
 * @param gpu the CUDA device number, or -1 for the CPU
 */
record TorchDevice(int gpu) {
  static final String OPTION = "device";

  static final TorchDevice CPU = new TorchDevice(-1);

  /** Parses the option of {@code spec}; fails naming the option and the accepted values. */
  static TorchDevice from(ModelSpec spec) {
    String raw = spec.option(OPTION).orElse("cpu");
    String device = raw.trim().toLowerCase(Locale.ROOT);
    if (device.equals("cpu")) {
      return CPU;
    }
    if (device.equals("cuda")) {
      return new TorchDevice(0);
    }
    if (device.matches("cuda:\\d{1,4}")) {
      return new TorchDevice(Integer.parseInt(device.substring("cuda:".length())));
    }
    throw new ModelLoadException(
        "model '"
            + spec.name()
            + "': option "
            + OPTION
            + "="
            + raw
            + " (expected cpu, cuda or cuda:<n>)");
  }

  boolean isGpu() {
    return gpu >= 0;
  }

  /** The DJL device on {@code engine}; fails when a GPU is asked for but not available. */
  Device resolve(String model, Engine engine) {
    if (!isGpu()) {
      return Device.cpu();
    }
    if (!engine.hasCapability(StandardCapabilities.CUDA)) {
      throw new ModelLoadException(
          "model '"
              + model
              + "': option "
              + OPTION
              + "=cuda:"
              + gpu
              + " but this libtorch ("
              + engine.getVersion()
              + ") is a CPU-only build (expected a CUDA build of libtorch"
              + " through PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR; or "
              + OPTION
              + "=cpu)");
    }
    int count = engine.getGpuCount();
    if (gpu >= count) {
      throw new ModelLoadException(
          "model '"
              + model
              + "': option "
              + OPTION
              + "=cuda:"
              + gpu
              + " but CUDA reports "
              + count
              + " GPU(s) (expected a device number below "
              + count
              + "; or "
              + OPTION
              + "=cpu)");
    }
    return Device.gpu(gpu);
  }
}
