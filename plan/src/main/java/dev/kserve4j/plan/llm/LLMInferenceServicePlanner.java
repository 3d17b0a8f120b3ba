package dev.kserve4j.plan.llm;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceServiceSpec;
import dev.kserve4j.api.v1alpha1.llm.ParallelismSpec;
import dev.kserve4j.api.v1alpha1.llm.RouterSpec;
import dev.kserve4j.api.v1alpha1.llm.WorkloadSpec;
import dev.kserve4j.api.validation.LLMInferenceServiceValidator;
import dev.kserve4j.api.validation.ValidationResult;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans an LLMInferenceService (v1alpha1): validates it, then names the workloads, Service and
 * routing objects KServe's controller would create, and decides what embedded mode can run.
 *
 * <p>Pure: no I/O, no cluster. Object names follow KServe's {@code kmeta.ChildName(name, suffix)}
 * for names within 63 characters; KServe shortens longer ones with a hash, which this plan does not
 * reproduce. {@code spec.baseRefs} are not merged: the plan is of the spec as written.
 */
public final class LLMInferenceServicePlanner {
  private final LLMInferenceServiceValidator validator = new LLMInferenceServiceValidator();
  private final EmbeddedSupportAnalyzer embedded = new EmbeddedSupportAnalyzer();

  /** The plan of {@code llmSvc}, or every validation error. */
  public LLMPlanResult plan(LLMInferenceService llmSvc, PlanConfig config) {
    requireNonNull(llmSvc, "llmSvc");
    requireNonNull(config, "config");
    ValidationResult validation = validator.validate(llmSvc);
    if (!validation.isValid()) {
      return new LLMPlanResult.Rejected(validation.errors());
    }
    String name = llmSvc.getMetadata().getName();
    String namespace =
        llmSvc.getMetadata().getNamespace() == null
            ? "default"
            : llmSvc.getMetadata().getNamespace();
    LLMInferenceServiceSpec spec = llmSvc.getSpec();
    List<LLMWorkloadPlan> workloads = new ArrayList<>();
    workloads.add(workload("decode", name, "", spec.workload()));
    if (spec.prefill() != null) {
      workloads.add(workload("prefill", name, "-prefill", spec.prefill()));
    }
    String service = name + "-kserve-workload-svc";
    Optional<LLMRouterPlan> router = router(name, spec.router());
    String routePath =
        router.map(LLMRouterPlan::route).isPresent() ? "/" + namespace + "/" + name : null;
    return new LLMPlanResult.Planned(
        new LLMInferenceServicePlan(
            name,
            namespace,
            spec.model().name() != null ? spec.model().name() : name,
            spec.model().uri(),
            service,
            config.urlScheme() + "://" + service + "." + namespace + ".svc.cluster.local",
            routePath,
            workloads,
            router,
            embedded.analyze(spec)));
  }

  private static LLMWorkloadPlan workload(String role, String name, String suffix, WorkloadSpec w) {
    ParallelismSpec p = w.parallelism();
    boolean autoscaled = w.scaling() != null;
    Integer replicas = autoscaled ? null : (w.replicas() == null ? 1 : w.replicas());
    return new LLMWorkloadPlan(
        role,
        w.isMultiNode() ? "LeaderWorkerSet" : "Deployment",
        name + (w.isMultiNode() ? "-kserve-mn" : "-kserve") + suffix,
        replicas,
        autoscaled ? w.scaling().minReplicas() : null,
        autoscaled ? w.scaling().maxReplicas() : null,
        w.isMultiNode() && p != null ? p.size() : 1,
        degree(p == null ? null : p.tensor()),
        degree(p == null ? null : p.pipeline()),
        degree(p == null ? null : p.data()),
        degree(p == null ? null : p.dataLocal()),
        p != null && Boolean.TRUE.equals(p.expert()));
  }

  private static int degree(Integer value) {
    return value == null ? 1 : value;
  }

  private static Optional<LLMRouterPlan> router(String name, RouterSpec router) {
    if (router == null || (router.route() == null && router.scheduler() == null)) {
      return Optional.empty();
    }
    boolean refs =
        router.route() != null && router.route().http() != null && router.route().http().hasRefs();
    String route = router.route() != null && !refs ? name + "-kserve-route" : null;
    List<String> routeRefs =
        refs
            ? router.route().http().refs().stream().map(LocalObjectReference::getName).toList()
            : List.of();
    List<String> gateways =
        router.gateway() == null || router.gateway().refs() == null
            ? List.of()
            : router.gateway().refs().stream()
                .map(
                    g ->
                        (g.namespace() == null || g.namespace().isEmpty()
                                ? ""
                                : g.namespace() + "/")
                            + g.name())
                .toList();
    String scheduler = null;
    String pool = null;
    if (router.scheduler() != null) {
      scheduler = name + "-kserve-router-scheduler";
      var poolSpec = router.scheduler().pool();
      pool =
          poolSpec != null && poolSpec.ref() != null && poolSpec.ref().getName() != null
              ? poolSpec.ref().getName()
              : name + "-inference-pool";
    }
    return Optional.of(new LLMRouterPlan(route, routeRefs, gateways, scheduler, pool));
  }
}
