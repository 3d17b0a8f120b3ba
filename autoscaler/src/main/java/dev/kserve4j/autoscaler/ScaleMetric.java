package dev.kserve4j.autoscaler;

import dev.kserve4j.common.KServeException;
import java.util.Locale;

/** What Knative's pod autoscaler measures load in. */
public enum ScaleMetric {
  /** Requests in flight (and waiting) per replica. */
  CONCURRENCY,
  /** Requests per second per replica. */
  RPS;

  /**
   * {@code concurrency} or {@code rps}, in any case.
   *
   * @param field where the value was given, named in the error
   * @throws KServeException invalid input naming the field and the metrics allowed
   */
  public static ScaleMetric parse(String field, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "concurrency" -> CONCURRENCY;
      case "rps" -> RPS;
      default ->
          throw KpaSettings.refuse(
              field,
              value,
              "the pod autoscaler scales on concurrency or rps"
                  + (v.equals("cpu") || v.equals("memory")
                      ? "; cpu and memory need the HPA (Standard mode on Kubernetes)"
                      : ""));
    };
  }

  /** The name Knative's annotations and KServe's {@code scaleMetric} use. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
