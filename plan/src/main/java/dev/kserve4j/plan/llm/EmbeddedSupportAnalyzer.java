package dev.kserve4j.plan.llm;

import dev.kserve4j.api.v1alpha1.llm.LLMInferenceServiceSpec;
import dev.kserve4j.api.v1alpha1.llm.ParallelismSpec;
import dev.kserve4j.api.v1alpha1.llm.WorkloadSpec;
import dev.kserve4j.api.validation.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what of an LLMInferenceService embedded mode can run: one llama.cpp process on one
 * machine, serving one GGUF file.
 *
 * <p>Refused, each naming its field: a model URI that is not a GGUF file; multi-node replicas
 * ({@code worker}); tensor, pipeline, data or expert parallelism; prefill/decode disaggregation
 * ({@code prefill}); the endpoint-picking scheduler; LoRA adapters. Left aside with a note: more
 * than one replica (one runs), autoscaling, routes, gateways, ingress, {@code baseRefs}, pod
 * templates.
 */
public final class EmbeddedSupportAnalyzer {
  private static final String ONE_MACHINE = "not on one machine: ";

  /** The analysis of a validated spec. */
  public EmbeddedSupport analyze(LLMInferenceServiceSpec spec) {
    List<FieldError> refusals = new ArrayList<>();
    List<FieldError> ignored = new ArrayList<>();
    String uri = spec.model().uri();
    if (!isGguf(uri)) {
      refusals.add(
          new FieldError(
              "spec.model.uri",
              uri,
              "embedded mode serves GGUF files with llama.cpp; this URI names no .gguf file"
                  + " (expected e.g. hf://org/repo-GGUF/model-Q4_K_M.gguf); serve safetensors"
                  + " models such as this on a cluster with vLLM"));
    }
    if (spec.model().lora() != null
        && spec.model().lora().adapters() != null
        && !spec.model().lora().adapters().isEmpty()) {
      refusals.add(
          new FieldError(
              "spec.model.lora.adapters",
              spec.model().lora().adapters().size() + " adapter(s)",
              "embedded mode does not load LoRA adapters; remove them or serve on a cluster"));
    }
    workload(spec.workload(), "spec", refusals, ignored);
    if (spec.prefill() != null) {
      refusals.add(
          new FieldError(
              "spec.prefill",
              "prefill workload",
              ONE_MACHINE
                  + "prefill/decode disaggregation moves the KV cache between separate prefill and"
                  + " decode servers; embedded mode runs one server"));
    }
    if (spec.router() != null) {
      if (spec.router().scheduler() != null) {
        refusals.add(
            new FieldError(
                "spec.router.scheduler",
                "scheduler",
                ONE_MACHINE
                    + "the endpoint picker needs a Gateway with the Inference Extension and an"
                    + " InferencePool of model servers"));
      }
      if (spec.router().route() != null
          || spec.router().gateway() != null
          || spec.router().ingress() != null) {
        ignored.add(
            new FieldError(
                "spec.router",
                null,
                "routes, gateways and ingress are cluster objects;"
                    + " embedded mode serves the model on its own port"));
      }
    }
    if (spec.baseRefs() != null && !spec.baseRefs().isEmpty()) {
      ignored.add(
          new FieldError(
              "spec.baseRefs",
              spec.baseRefs().size() + " ref(s)",
              "LLMInferenceServiceConfigs"
                  + " are not merged in embedded mode; only this spec's model is served"));
    }
    return new EmbeddedSupport(
        refusals.isEmpty() ? EmbeddedSupport.LLAMA_CPP : null, refusals, ignored);
  }

  /** Whether the URI's last path segment is a {@code .gguf} file (case-insensitive). */
  public static boolean isGguf(String uri) {
    if (uri == null) {
      return false;
    }
    String path;
    try {
      path = URI.create(uri).getPath();
    } catch (IllegalArgumentException e) {
      path = uri;
    }
    return path != null && path.toLowerCase(Locale.ROOT).endsWith(".gguf");
  }

  private static void workload(
      WorkloadSpec w, String at, List<FieldError> refusals, List<FieldError> ignored) {
    if (w.worker() != null) {
      refusals.add(
          new FieldError(
              at + ".worker",
              "worker pod template",
              ONE_MACHINE
                  + "a worker template spreads"
                  + " each replica over several pods (a LeaderWorkerSet)"));
    }
    ParallelismSpec p = w.parallelism();
    if (p != null) {
      more(
          p.tensor(),
          at + ".parallelism.tensor",
          "tensor parallelism shards each layer over GPUs of separate"
              + " ranks; embedded llama.cpp runs one rank",
          refusals);
      more(
          p.pipeline(),
          at + ".parallelism.pipeline",
          ONE_MACHINE + "pipeline parallelism splits the layers over" + " pods on several nodes",
          refusals);
      more(
          p.data(),
          at + ".parallelism.data",
          ONE_MACHINE + "data parallelism runs ranks over several pods",
          refusals);
      more(
          p.dataLocal(),
          at + ".parallelism.dataLocal",
          "data-parallel ranks per pod need one engine per rank;" + " embedded llama.cpp runs one",
          refusals);
      if (Boolean.TRUE.equals(p.expert())) {
        refusals.add(
            new FieldError(
                at + ".parallelism.expert",
                true,
                ONE_MACHINE
                    + "expert parallelism spreads"
                    + " mixture-of-experts layers over data-parallel ranks"));
      }
    }
    if (w.replicas() != null && w.replicas() > 1) {
      ignored.add(new FieldError(at + ".replicas", w.replicas(), "embedded mode runs one replica"));
    }
    if (w.scaling() != null) {
      ignored.add(
          new FieldError(
              at + ".scaling", null, "embedded mode runs one replica and does not autoscale"));
    }
  }

  private static void more(Integer degree, String path, String why, List<FieldError> refusals) {
    if (degree != null && degree > 1) {
      refusals.add(new FieldError(path, degree, why + " (expected: 1 or unset)"));
    }
  }
}
