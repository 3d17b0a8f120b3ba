package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1alpha1.llm.GatewayRoutesSpec;
import dev.kserve4j.api.v1alpha1.llm.HTTPRouteSpec;
import dev.kserve4j.api.v1alpha1.llm.RouterSpec;
import dev.kserve4j.api.v1alpha1.llm.SchedulerConfigSpec;
import dev.kserve4j.api.v1alpha1.llm.SchedulerSpec;

/**
 * Checks the router of an LLMInferenceService as KServe's webhook does ({@code
 * validateRouterCrossFieldConstraints}, {@code validateTrafficFields}, {@code
 * validateSchedulerConfig}).
 */
final class LLMRouterValidator {
  private LLMRouterValidator() {}

  static void validate(RouterSpec router, ValidationResult.Builder out) {
    if (router.route() != null) {
      route(router, out);
      traffic(router, out);
    }
    if (router.scheduler() != null) {
      scheduler(router.scheduler(), out);
    }
  }

  private static void route(RouterSpec router, ValidationResult.Builder out) {
    HTTPRouteSpec http = router.route().http();
    if (http == null) {
      return;
    }
    boolean gatewayRefs =
        router.gateway() != null
            && router.gateway().refs() != null
            && !router.gateway().refs().isEmpty();
    if (http.hasRefs() && http.spec() != null) {
      out.add(
          "spec.router.route.http",
          "refs, spec",
          "unsupported configuration: cannot use both custom HTTPRoute refs"
              + " ('spec.router.route.http.refs') and an inline route spec"
              + " ('spec.router.route.http.spec'); choose one");
    }
    if (http.hasRefs() && router.gateway() != null && !gatewayRefs) {
      out.add(
          "spec.router.route.http.refs",
          http.refs().size() + " ref(s)",
          "unsupported configuration: custom HTTP routes ('spec.router.route.http.refs') cannot be"
              + " used with a managed gateway ('spec.router.gateway'); either remove"
              + " 'spec.router.route.http.refs' or set 'spec.router.gateway.refs'");
    }
    if (http.spec() != null
        && http.spec().getParentRefs() != null
        && !http.spec().getParentRefs().isEmpty()
        && gatewayRefs) {
      out.add(
          "spec.router.route.http.spec",
          "parentRefs",
          "unsupported configuration: managed HTTP route spec ('spec.router.route.http.spec')"
              + " cannot be used with custom gateway refs ('spec.router.gateway.refs'); either"
              + " remove 'spec.router.gateway.refs' or 'spec.router.route.http.spec.parentRefs'");
    }
  }

  private static void traffic(RouterSpec router, ValidationResult.Builder out) {
    GatewayRoutesSpec route = router.route();
    boolean group = route.group() != null;
    boolean weight = route.weight() != null;
    if (!group && !weight) {
      return;
    }
    if (router.ingress() != null) {
      out.add(
          "spec.router.route.group",
          route.group() == null ? "" : route.group(),
          "traffic splitting requires"
              + " Gateway API routing; the controller manages HTTPRoutes, not Ingress resources");
      return;
    }
    if (weight && !group) {
      out.add("spec.router.route.group", null, "weight requires group");
    } else if (group && !weight) {
      out.add("spec.router.route.weight", null, "group requires weight");
    } else if (route.http() != null && route.http().hasRefs()) {
      out.add(
          "spec.router.route.group",
          route.group(),
          "traffic splitting cannot be used with custom HTTPRoute refs;"
              + " controller-managed routes (route.http.spec or route.http: {}) are required");
    }
  }

  private static void scheduler(SchedulerSpec scheduler, ValidationResult.Builder out) {
    String at = "spec.router.scheduler";
    if (scheduler.replicas() != null && scheduler.replicas() <= 0) {
      out.add(
          at + ".replicas", scheduler.replicas(), "scheduler replicas must be greater than zero");
    }
    SchedulerConfigSpec config = scheduler.config();
    if (config == null) {
      return;
    }
    if (config.inline() == null && config.ref() == null) {
      out.add(at + ".config", null, "either inline or ref is required");
    }
    if (config.inline() != null && config.ref() != null) {
      out.add(
          at + ".config",
          "inline, ref",
          "both inline and ref are set, either specify inline or ref");
    }
    if (config.inline() != null && config.inline().isEmpty()) {
      out.add(
          at + ".config.inline",
          "{}",
          "inline configuration is invalid (expected: the scheduler's configuration document)");
    }
    if (config.ref() != null
        && (config.ref().getName() == null || config.ref().getName().isEmpty())) {
      out.add(at + ".config.ref.name", "", "name is empty");
    }
  }
}
