package dev.kserve4j.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.api.v1alpha1.ServingRuntimeSpec;
import dev.kserve4j.api.v1alpha1.WorkerSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The multi-node ({@code workerSpec}) rules of KServe's servingruntime webhook ({@code
 * validateMultiNodeSpec}): an existing workerSpec is not removed; the worker pod has one container;
 * the parallel sizes come from {@code workerSpec}, not from the model server's environment, and are
 * at least 1; the model server and worker containers request only known GPU resource types
 * (KServe's list plus those of the {@code serving.kserve.io/gpu-resource-types} pod annotation).
 */
final class MultiNodeRuntimeRules {
  static final String GPU_TYPES_ANNOTATION = "serving.kserve.io/gpu-resource-types";
  static final List<String> DEFAULT_GPU_TYPES =
      List.of("nvidia.com/gpu", "amd.com/gpu", "intel.com/gpu", "habana.ai/gaudi");
  private static final Set<String> BASIC_RESOURCES =
      Set.of("cpu", "memory", "storage", "ephemeral-storage");
  private static final String SERVER_CONTAINER = PredictorImplementations.SERVER_CONTAINER;
  private static final String WORKER_CONTAINER = "worker-container";
  private static final Map<String, String> PARALLEL_ENV =
      Map.of(
          "PIPELINE_PARALLEL_SIZE",
              "setting PIPELINE_PARALLEL_SIZE in environment variables is not allowed",
          "TENSOR_PARALLEL_SIZE",
              "setting TENSOR_PARALLEL_SIZE in environment variables is not allowed");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MultiNodeRuntimeRules() {}

  /** Visits one environment variable of a runtime container with its field path. */
  interface EnvVisitor {
    void visit(String path, Container container, EnvVar env);
  }

  /**
   * Adds the problems of {@code spec}, given {@code previous}, the stored spec of the same runtime
   * on an update (else {@code null}); {@code wrap} turns a rule's text into the resource's message.
   */
  static void validate(
      ServingRuntimeSpec spec,
      ServingRuntimeSpec previous,
      UnaryOperator<String> wrap,
      ValidationResult.Builder out) {
    WorkerSpec worker = spec.getWorkerSpec();
    if (previous != null && previous.getWorkerSpec() != null && worker == null) {
      out.add(
          "spec.workerSpec",
          null,
          wrap.apply("removing workerSpec where it already exists is not allowed"));
    }
    if (worker == null) {
      return;
    }
    List<Container> workers = containers(worker.getContainers());
    if (workers.size() > 1) {
      out.add(
          "spec.workerSpec.containers",
          workers.size(),
          wrap.apply("setting multiple containers in workerSpec is not allowed"));
    }
    eachEnv(
        spec.getContainers(),
        "spec.containers",
        (path, container, env) -> {
          if (SERVER_CONTAINER.equals(container.getName())
              && PARALLEL_ENV.containsKey(env.getName())) {
            out.add(path, env.getName(), wrap.apply(PARALLEL_ENV.get(env.getName())));
          }
        });
    Map<String, Container> gpuChecked = new LinkedHashMap<>();
    List<Container> servers = containers(spec.getContainers());
    for (int i = 0; i < servers.size(); i++) {
      if (SERVER_CONTAINER.equals(servers.get(i).getName())) {
        gpuChecked.put("spec.containers[" + i + "].resources", servers.get(i));
      }
    }
    if (!workers.isEmpty() && WORKER_CONTAINER.equals(workers.getFirst().getName())) {
      gpuChecked.put("spec.workerSpec.containers[0].resources", workers.getFirst());
    }
    if (!gpuChecked.isEmpty()) {
      gpuTypes(gpuChecked, spec, wrap, out);
    }
    atLeastOne(
        worker.getPipelineParallelSize(),
        "pipelineParallelSize",
        "PipelineParallelSize",
        wrap,
        out);
    atLeastOne(
        worker.getTensorParallelSize(), "tensorParallelSize", "TensorParallelSize", wrap, out);
  }

  /** Every environment variable of the runtime's containers and of its worker containers. */
  static void eachEnv(ServingRuntimeSpec spec, EnvVisitor visitor) {
    eachEnv(spec.getContainers(), "spec.containers", visitor);
    if (spec.getWorkerSpec() != null) {
      eachEnv(spec.getWorkerSpec().getContainers(), "spec.workerSpec.containers", visitor);
    }
  }

  private static void eachEnv(List<Container> containers, String path, EnvVisitor visitor) {
    List<Container> all = containers(containers);
    for (int i = 0; i < all.size(); i++) {
      List<EnvVar> env = all.get(i).getEnv() == null ? List.of() : all.get(i).getEnv();
      for (int j = 0; j < env.size(); j++) {
        visitor.visit(path + "[" + i + "].env[" + j + "]", all.get(i), env.get(j));
      }
    }
  }

  private static void atLeastOne(
      Integer size,
      String field,
      String goName,
      UnaryOperator<String> wrap,
      ValidationResult.Builder out) {
    if (size != null && size < 1) {
      out.add(
          "spec.workerSpec." + field,
          size,
          wrap.apply("the WorkerSpec." + goName + " cannot be less than 1(" + size + ")"));
    }
  }

  /**
   * KServe's {@code HasUnknownGpuResourceType} for each container by path: every non-basic resource
   * must be a known GPU type. A malformed annotation is reported once.
   */
  private static void gpuTypes(
      Map<String, Container> byPath,
      ServingRuntimeSpec spec,
      UnaryOperator<String> wrap,
      ValidationResult.Builder out) {
    String custom =
        spec.getAnnotations() == null ? null : spec.getAnnotations().get(GPU_TYPES_ANNOTATION);
    Optional<List<String>> extra =
        custom == null || custom.isEmpty() ? Optional.of(List.of()) : customGpuTypes(custom);
    if (extra.isEmpty()) {
      out.add(
          "spec.annotations[" + GPU_TYPES_ANNOTATION + "]",
          custom,
          wrap.apply(
              "invalid GPU format("
                  + custom
                  + ") for "
                  + GPU_TYPES_ANNOTATION
                  + " annotation: must be a valid JSON array"));
      return;
    }
    byPath.forEach(
        (path, container) -> {
          Set<String> requested = new HashSet<>();
          ResourceRequirements resources = container.getResources();
          if (resources != null) {
            requested.addAll(
                resources.getLimits() == null ? Set.of() : resources.getLimits().keySet());
            requested.addAll(
                resources.getRequests() == null ? Set.of() : resources.getRequests().keySet());
          }
          requested.removeAll(BASIC_RESOURCES);
          requested.removeAll(DEFAULT_GPU_TYPES);
          requested.removeAll(extra.get());
          if (!requested.isEmpty()) {
            out.add(
                path,
                requested.stream().sorted().toList(),
                wrap.apply(
                    "unknown GPU resource type in a container(" + container.getName() + ")"));
          }
        });
  }

  /** KServe's {@code IsValidCustomGPUArray}: a non-empty JSON array of non-empty strings. */
  private static Optional<List<String>> customGpuTypes(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isArray() || node.isEmpty()) {
        return Optional.empty();
      }
      List<String> types = new ArrayList<>();
      for (JsonNode t : node) {
        if (!t.isTextual() || t.asText().isEmpty()) {
          return Optional.empty();
        }
        types.add(t.asText());
      }
      return Optional.of(types);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static List<Container> containers(List<Container> containers) {
    return containers == null ? List.of() : containers;
  }
}
