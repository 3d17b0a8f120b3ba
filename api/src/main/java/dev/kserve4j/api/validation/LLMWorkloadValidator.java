package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1alpha1.llm.ParallelismSpec;
import dev.kserve4j.api.v1alpha1.llm.ScalingSpec;
import dev.kserve4j.api.v1alpha1.llm.WorkloadSpec;

/**
 * Checks one workload of an LLMInferenceService (the decode workload at {@code spec}, the prefill
 * workload at {@code spec.prefill}) as KServe's v1alpha1 webhook does ({@code
 * validateWorkloadParallelism}, {@code ValidateWorkloadScaling}) and as the CRD's bounds do ({@code
 * replicas >= 0}, parallelism degrees {@code >= 1}, {@code dataRPCPort} 1-65535).
 */
final class LLMWorkloadValidator {
  private static final String WORKER_NEEDS_PARALLELISM =
      "when worker is specified, parallelism must be configured for either data parallelism or"
          + " pipeline parallelism";

  private LLMWorkloadValidator() {}

  static void validate(WorkloadSpec w, String path, ValidationResult.Builder out) {
    if (w.replicas() != null && w.replicas() < 0) {
      out.add(path + ".replicas", w.replicas(), "replicas: " + w.replicas() + " (expected: >= 0)");
    }
    parallelism(w, path, out);
    if (w.scaling() != null) {
      scaling(w, path + ".scaling", out);
    }
  }

  private static void parallelism(WorkloadSpec w, String path, ValidationResult.Builder out) {
    ParallelismSpec p = w.parallelism();
    if (p == null) {
      if (w.worker() != null) {
        out.add(path + ".worker", "<pod template>", WORKER_NEEDS_PARALLELISM);
      }
      return;
    }
    String at = path + ".parallelism";
    if (w.worker() != null && !p.isDataParallel() && !p.isPipelineParallel()) {
      out.add(path + ".worker", "<pod template>", WORKER_NEEDS_PARALLELISM);
    }
    if (p.isPipelineParallel() && p.isDataParallel()) {
      out.add(
          at,
          "pipeline=" + p.pipeline() + ", data=" + p.data() + ", dataLocal=" + p.dataLocal(),
          "cannot set both pipeline parallelism and data parallelism (data or dataLocal)"
              + " simultaneously");
    }
    if (p.data() != null && p.dataLocal() == null) {
      out.add(at + ".dataLocal", null, "dataLocal must be set when data is set");
    }
    if (p.dataLocal() != null && p.data() == null) {
      out.add(at + ".data", null, "data must be set when dataLocal is set");
    }
    positive(p.tensor(), at + ".tensor", "tensor", out);
    positive(p.pipeline(), at + ".pipeline", "pipeline", out);
    positive(p.data(), at + ".data", "data", out);
    positive(p.dataLocal(), at + ".dataLocal", "dataLocal", out);
    Integer port = p.dataRPCPort();
    if (port != null && (port < 1 || port > 65535)) {
      out.add(at + ".dataRPCPort", port, "dataRPCPort: " + port + " (expected: a port in 1-65535)");
    }
  }

  private static void positive(
      Integer value, String path, String name, ValidationResult.Builder out) {
    if (value != null && value <= 0) {
      out.add(path, value, name + " parallelism must be greater than 0, got " + value);
    }
  }

  private static void scaling(WorkloadSpec w, String at, ValidationResult.Builder out) {
    ScalingSpec s = w.scaling();
    if (w.replicas() != null) {
      out.add(
          at,
          "replicas=" + w.replicas(),
          "scaling and replicas are mutually exclusive; use scaling for"
              + " autoscaled deployments or replicas for static deployments");
    }
    if (s.maxReplicas() == null) {
      out.add(at + ".maxReplicas", null, "maxReplicas is required when scaling is configured");
    } else if (s.minReplicas() != null && s.minReplicas() > s.maxReplicas()) {
      out.add(
          at + ".minReplicas",
          s.minReplicas(),
          "minReplicas ("
              + s.minReplicas()
              + ") cannot exceed maxReplicas ("
              + s.maxReplicas()
              + ")");
    }
    if (s.wva() != null && s.keda() != null) {
      out.add(at, "wva, keda", "wva and keda are mutually exclusive; choose one scaling mechanism");
    } else if (s.wva() == null && s.keda() == null) {
      out.add(at, null, "either wva or keda must be specified when scaling is configured");
    } else if (s.keda() != null) {
      if (s.keda().triggers() == null || s.keda().triggers().isEmpty()) {
        out.add(
            at + ".keda.triggers",
            null,
            "at least one trigger is required when using direct KEDA scaling");
      }
    } else if (s.wva().hpa() != null && s.wva().keda() != null) {
      out.add(
          at + ".wva",
          "hpa, keda",
          "hpa and keda are mutually exclusive; choose one actuator backend");
    } else if (s.wva().hpa() == null && s.wva().keda() == null) {
      out.add(at + ".wva", null, "either hpa or keda must be specified as the actuator backend");
    }
  }

  /**
   * KServe's {@code ValidateActuatorConsistency}: when both workloads autoscale, they use the same
   * mechanism (WVA or direct KEDA) and, under WVA, the same actuator (HPA or KEDA).
   */
  static void prefillConsistency(
      WorkloadSpec decode, WorkloadSpec prefill, ValidationResult.Builder out) {
    ScalingSpec d = decode.scaling();
    ScalingSpec p = prefill.scaling();
    if (d == null || p == null) {
      return;
    }
    if ((d.keda() != null) != (p.keda() != null)) {
      out.add(
          "spec.prefill.scaling",
          mode(p),
          "decode and prefill must use the same scaling mode; decode uses "
              + mode(d)
              + " but prefill uses "
              + mode(p));
      return;
    }
    if (d.wva() != null && p.wva() != null && (d.wva().hpa() != null) != (p.wva().hpa() != null)) {
      String decodeBackend = d.wva().hpa() != null ? "HPA" : "KEDA";
      String prefillBackend = p.wva().hpa() != null ? "HPA" : "KEDA";
      out.add(
          "spec.prefill.scaling.wva",
          prefillBackend,
          "decode and prefill must use the same actuator backend;"
              + " decode uses "
              + decodeBackend
              + " but prefill uses "
              + prefillBackend);
    }
  }

  private static String mode(ScalingSpec s) {
    return s.keda() != null ? "direct KEDA" : "WVA";
  }
}
