package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.plan.PlanConfig;
import java.time.Duration;
import java.util.Set;

/**
 * What the operator watches and how it renders.
 *
 * @param namespaces the namespaces whose InferenceServices are reconciled; empty for all namespaces
 * @param render the cluster settings of the rendered objects
 * @param plan the planner's settings (ingress domain, URL scheme, default deployment mode)
 * @param resync how often every InferenceService is reconciled again without an event
 * @param retryDelay how long a failed reconcile waits before it is tried again
 */
public record ControllerConfig(
    Set<String> namespaces,
    RenderConfig render,
    PlanConfig plan,
    Duration resync,
    Duration retryDelay) {

  public ControllerConfig {
    namespaces = Set.copyOf(namespaces);
    requireNonNull(render, "render");
    requireNonNull(plan, "plan");
    requireNonNull(resync, "resync");
    requireNonNull(retryDelay, "retryDelay");
    if (resync.isNegative() || retryDelay.isNegative() || retryDelay.isZero()) {
      throw new IllegalArgumentException(
          "resync "
              + resync
              + " and retryDelay "
              + retryDelay
              + " must not be negative, and retryDelay must be positive");
    }
  }

  /** All namespaces, default rendering and planning, a 10-minute resync and a 5-second retry. */
  public static ControllerConfig defaults() {
    return new ControllerConfig(
        Set.of(),
        RenderConfig.defaults(),
        PlanConfig.defaults(),
        Duration.ofMinutes(10),
        Duration.ofSeconds(5));
  }

  /** The same settings, watching only {@code watched} (empty for all). */
  public ControllerConfig withNamespaces(Set<String> watched) {
    return new ControllerConfig(watched, render, plan, resync, retryDelay);
  }
}
