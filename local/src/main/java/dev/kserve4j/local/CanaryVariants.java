package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.api.v1beta1.CanarySpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.CanaryPlan;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.status.ComponentObservation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KServe's Standard-form canaries ({@code spec.canary[]}) in-process: each variant's predictor (its
 * spec merged over the stable one's by the plan) is loaded as a repository model of its own, named
 * after the Deployment KServe would create and numbered per change, {@code
 * {isvc}-{variant}-predictor-00001}, which answers and listings never show. A changed variant loads
 * beside the one serving and takes over its traffic once loaded; a variant that fails to load takes
 * no traffic and is reported ({@code CanaryPredictorReady}, {@code canaryStatuses}); a dropped
 * variant, or the version a change replaced, is unloaded by the caller once the routes no longer
 * name it and the requests that could have picked it finished.
 */
final class CanaryVariants {
  private final ModelDeployer deployer;

  CanaryVariants(ModelDeployer deployer) {
    this.deployer = requireNonNull(deployer, "deployer");
  }

  /**
   * One variant as it runs.
   *
   * @param predictor the planned predictor it was loaded from
   * @param generation its number, one more per change
   * @param repositoryName the repository model answering for it
   * @param failure why it does not serve, or null when it does
   */
  record Variant(ComponentPlan predictor, int generation, String repositoryName, Failure failure) {
    Variant {
      requireNonNull(predictor, "predictor");
      requireNonNull(repositoryName, "repositoryName");
    }

    boolean ready() {
      return failure == null;
    }
  }

  /** The variants after an apply, by name, and the repository models no longer wanted. */
  record Loaded(Map<String, Variant> variants, List<String> retired) {}

  /**
   * Loads what changed of {@code plan}'s canaries: a variant whose planned predictor is as before
   * stays as it is (ready, or failed with the same reason), a new or changed one loads beside the
   * one serving.
   *
   * @param before the variants before, by name
   */
  Loaded load(InferenceService desired, InferenceServicePlan plan, Map<String, Variant> before) {
    Map<String, Variant> now = new LinkedHashMap<>();
    List<String> retired = new ArrayList<>();
    for (CanaryPlan canary : plan.canaries()) {
      Variant previous = before.get(canary.name());
      if (previous != null && previous.predictor().equals(canary.predictor())) {
        now.put(canary.name(), previous);
        continue;
      }
      int generation = previous == null ? 1 : previous.generation() + 1;
      // Apart from the stable revisions' names ({predictor}-00001), which a promotion gives this
      // variant's predictor name.
      String repositoryName = canary.predictor().name() + "-canary-%05d".formatted(generation);
      ModelDeployer.Prepared prepared =
          deployer.scaled(
              deployer.prepare(plan.name(), canary.predictor(), batcher(desired, canary.name())),
              desired,
              canary.predictor());
      Optional<Failure> failure =
          prepared instanceof ModelDeployer.Launch launch
              ? deployer.deploy(launch, repositoryName)
              : Optional.of(((ModelDeployer.Refused) prepared).failure());
      now.put(
          canary.name(),
          new Variant(canary.predictor(), generation, repositoryName, failure.orElse(null)));
      if (previous != null && previous.ready()) {
        retired.add(previous.repositoryName());
      }
    }
    before.forEach(
        (name, variant) -> {
          if (!now.containsKey(name) && variant.ready()) {
            retired.add(variant.repositoryName());
          }
        });
    return new Loaded(Map.copyOf(now), List.copyOf(retired));
  }

  /**
   * The split of predict traffic as KServe's route sets it: the stable predictor's revisions keep
   * {@code 100 - sum(ready canary percents)} of it, in their own proportions, and each ready
   * variant its percent; a variant that is not ready gets none.
   *
   * @param stable the stable revisions' weights (summing to 100)
   */
  static Map<String, Integer> weights(
      InferenceServicePlan plan, Map<String, Variant> variants, Map<String, Integer> stable) {
    if (plan.canaries().isEmpty()) {
      return stable;
    }
    int stableShare =
        plan.stableTrafficPercent(
            variants.entrySet().stream()
                .filter(e -> e.getValue().ready())
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet()));
    int stableTotal = stable.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Integer> out = new LinkedHashMap<>();
    // Everything in units of 1 / (100 * stableTotal), so that no share is rounded.
    stable.forEach((revision, w) -> out.put(revision, w * stableShare));
    for (CanaryPlan canary : plan.canaries()) {
      Variant v = variants.get(canary.name());
      if (v != null && v.ready()) {
        out.merge(v.repositoryName(), canary.trafficPercent() * stableTotal, Integer::sum);
      }
    }
    return out;
  }

  /** The variants as the status computation reads them, by name. */
  static Map<String, ComponentObservation> observations(Map<String, Variant> variants) {
    Map<String, ComponentObservation> out = new LinkedHashMap<>();
    variants.forEach(
        (name, v) -> out.put(name, StatusWriter.canary(Optional.ofNullable(v.failure()))));
    return out;
  }

  /** The repository models of the variants that serve. */
  static List<String> loaded(Map<String, Variant> variants) {
    return variants.values().stream().filter(Variant::ready).map(Variant::repositoryName).toList();
  }

  /** The variant's own {@code batcher}, else the stable predictor's. */
  private static Batcher batcher(InferenceService desired, String name) {
    Batcher own =
        desired.getSpec().getCanary().stream()
            .filter(c -> c.predictor() != null && name.equals(c.predictor().getName()))
            .map(CanarySpec::predictor)
            .map(p -> p.getBatcher())
            .filter(b -> b != null)
            .findFirst()
            .orElse(null);
    return own != null ? own : desired.getSpec().getPredictor().getBatcher();
  }
}
