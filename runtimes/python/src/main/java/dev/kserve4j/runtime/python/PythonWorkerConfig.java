package dev.kserve4j.runtime.python;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.TransformerStages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a model's Python workers run, from the model's options and the process environment.
 *
 * <p>Options: {@code workers} (processes, default 1), {@code timeoutSeconds} (longest one inference
 * may take before its worker is killed and replaced, default 60), {@code loadTimeoutSeconds}
 * (longest a worker may take to load the model, default 120), {@code healthCheckSeconds} (how often
 * idle workers are pinged, default 10), {@code python} (the interpreter; else the environment
 * variable {@code KSERVE4J_PYTHON}; else {@code python3} on {@code PATH} or {@code
 * /usr/bin/python3}), and for scikit-learn {@code method} ({@code predict} or {@code
 * predict_proba}) or its KServe spelling {@code PREDICT_PROBA=true}; for a transformer or explainer
 * {@code predictorHost} and {@code predictorProtocol} ({@link TransformerStages}), the predictor
 * its {@code model.py} reaches through KServe's {@code Model.predict}.
 *
 * @param workers the number of worker processes, at least 1
 * @param timeout the bound on one inference
 * @param loadTimeout the bound on loading the model in one worker
 * @param healthCheck how often idle workers are pinged; one that does not answer is replaced
 * @param python the configured interpreter, empty to search
 * @param method the scikit-learn method to call
 * @param predictorHost the predictor of a transformer or explainer ({@code host[:port]}), or null
 * @param predictorProtocol that predictor's protocol: {@code v1}, {@code v2} or {@code grpc-v2}
 */
public record PythonWorkerConfig(
    int workers,
    Duration timeout,
    Duration loadTimeout,
    Duration healthCheck,
    Optional<String> python,
    String method,
    String predictorHost,
    String predictorProtocol) {
  /** The environment variable naming the interpreter when the option {@code python} is absent. */
  public static final String PYTHON_ENV = "KSERVE4J_PYTHON";

  public PythonWorkerConfig {
    requireNonNull(timeout, "timeout");
    requireNonNull(loadTimeout, "loadTimeout");
    requireNonNull(healthCheck, "healthCheck");
    requireNonNull(python, "python");
    requireNonNull(method, "method");
    requireNonNull(predictorProtocol, "predictorProtocol");
  }

  /** Reads the options of {@code spec}; fails naming the option, its value and what is allowed. */
  public static PythonWorkerConfig from(ModelSpec spec, Map<String, String> environment) {
    requireNonNull(spec, "spec");
    int workers = spec.intOptionAtLeast("workers", 1, 1);
    int timeout = spec.intOptionAtLeast("timeoutSeconds", 60, 1);
    int loadTimeout = spec.intOptionAtLeast("loadTimeoutSeconds", 120, 1);
    int healthCheck = spec.intOptionAtLeast("healthCheckSeconds", 10, 1);
    Optional<String> python =
        spec.option("python")
            .or(() -> Optional.ofNullable(environment.get(PYTHON_ENV)))
            .filter(p -> !p.isBlank());
    String method =
        spec.option("method")
            .orElse(
                spec.option("PREDICT_PROBA").map(Boolean::parseBoolean).orElse(false)
                    ? "predict_proba"
                    : "predict");
    if (!method.equals("predict") && !method.equals("predict_proba")) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': option method="
              + method
              + " (expected predict or predict_proba)");
    }
    String predictorProtocol =
        spec.option(TransformerStages.PREDICTOR_PROTOCOL_OPTION).orElse("v1");
    if (!List.of("v1", "v2", "grpc-v2").contains(predictorProtocol)) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': option "
              + TransformerStages.PREDICTOR_PROTOCOL_OPTION
              + "="
              + predictorProtocol
              + " (expected v1, v2 or grpc-v2)");
    }
    return new PythonWorkerConfig(
        workers,
        Duration.ofSeconds(timeout),
        Duration.ofSeconds(loadTimeout),
        Duration.ofSeconds(healthCheck),
        python,
        method,
        spec.option(TransformerStages.PREDICTOR_HOST_OPTION).filter(h -> !h.isBlank()).orElse(null),
        predictorProtocol);
  }
}
