package dev.kserve4j.runtime.pytorch;

import ai.djl.engine.Engine;
import dev.kserve4j.runtime.ModelLoadException;
import java.util.Map;
import java.util.Properties;

/**
 * Starts DJL's PyTorch engine from the libraries on the class path, never from the network.
 *
 * <p>DJL looks for libtorch in {@code PYTORCH_LIBRARY_PATH} first, then in a {@code
 * pytorch-native-*} jar on the class path (here {@code pytorch-native-cpu}, whose {@code
 * native/lib/pytorch.properties} names the files), and copies the files it finds into its cache
 * directory ({@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}); the JNI
 * bridge comes from the {@code pytorch-jni} jar the same way. Only when neither holds a library, or
 * when {@code PYTORCH_VERSION} names another version than the jar's, does DJL download one. This
 * class therefore sets, unless the user already did (as a system property or, for the first two, as
 * the environment variables {@code DJL_OFFLINE} / {@code OPT_OUT_TRACKING}):
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: every HTTP(S) fetch DJL would make fails instead, so a missing
 *       library is a load error rather than a download;
 *   <li>{@code OPT_OUT_TRACKING=true}: DJL's start-up telemetry call is skipped (offline mode skips
 *       it as well);
 *   <li>{@code ai.djl.pytorch.num_threads=1} and {@code ai.djl.pytorch.num_interop_threads=1}: one
 *       thread per inference, as the server already runs requests concurrently (the same default as
 *       the ONNX runtime's {@code intraOpThreads}). These are process-wide in libtorch, so they are
 *       JVM system properties rather than model options.
 * </ul>
 *
 * <p>The properties must be in place before DJL's {@code Engine} class initialises, which is why
 * they are applied here, just before the first use of it.
 */
final class TorchEngineLoader {
  static final String ENGINE_NAME = "PyTorch";
  static final Map<String, String> DEFAULTS =
      Map.of(
          "ai.djl.offline", "true",
          "OPT_OUT_TRACKING", "true",
          "ai.djl.pytorch.num_threads", "1",
          "ai.djl.pytorch.num_interop_threads", "1");
  private static final Map<String, String> ENVIRONMENT_NAMES =
      Map.of("ai.djl.offline", "DJL_OFFLINE", "OPT_OUT_TRACKING", "OPT_OUT_TRACKING");

  private final Properties system;
  private final Map<String, String> environment;
  private Engine engine;

  TorchEngineLoader(Properties system, Map<String, String> environment) {
    this.system = system;
    this.environment = Map.copyOf(environment);
  }

  /** A loader for this process: its system properties and environment. */
  static TorchEngineLoader forProcess() {
    return new TorchEngineLoader(System.getProperties(), System.getenv());
  }

  /** Sets each default the user has not set; returns the ones set. */
  Map<String, String> applyDefaults() {
    Map<String, String> applied = new java.util.TreeMap<>();
    DEFAULTS.forEach(
        (key, value) -> {
          String variable = ENVIRONMENT_NAMES.get(key);
          boolean userSet =
              system.getProperty(key) != null
                  || (variable != null && environment.get(variable) != null);
          if (!userSet) {
            system.setProperty(key, value);
            applied.put(key, value);
          }
        });
    return applied;
  }

  /** The engine, started on first use; fails naming where the libraries were looked for. */
  synchronized Engine engine() {
    if (engine == null) {
      applyDefaults();
      try {
        engine = Engine.getEngine(ENGINE_NAME);
      } catch (RuntimeException | LinkageError e) {
        throw new ModelLoadException(
            "cannot start the PyTorch engine: "
                + e.getMessage()
                + " (expected libtorch in the"
                + " pytorch-native-cpu jar on the class path, or PYTORCH_LIBRARY_PATH naming a"
                + " directory holding it; nothing is downloaded)",
            e);
      }
    }
    return engine;
  }
}
