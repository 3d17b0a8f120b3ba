package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.EmbeddedContainer;
import dev.kserve4j.plan.EmbeddedContainerAnalyzer;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.KServe4jImage;
import dev.kserve4j.plan.status.ComponentObservation;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.server.config.ModelConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Runs an InferenceService's transformer and explainer in-process, as KServe runs them beside the
 * predictor: each is a custom container on a kserve4j image whose {@code serve} args name the model
 * in {@code STORAGE_URI} or a Java class in its jars (the predictor's form, {@link
 * ContainerLaunch}), loaded as a repository model of its own under a revision name ({@code
 * {isvc}-transformer-00001}, {@code {isvc}-explainer-00001}). A transformer reaches its predictor
 * in-process ({@link LocalPredictorLink}); user code that calls its predictor itself (a {@code
 * model.py}'s {@code self.predict}) is given the server's own address, where its calls reach the
 * InferenceService as a client's do (through the transformer when there is one).
 *
 * <p>A changed component loads beside the serving one; the routes switch to it ({@link
 * ServiceRoutes#components}); the old one is unloaded once its calls in progress finished ({@link
 * #retire}). A component that cannot run (KServe's {@code art} explainer, another image, a bad arg)
 * or fails to load is reported in its status and takes no traffic.
 */
final class ComponentDeployer {
  /** The components this class runs, in status order. */
  static final List<String> KINDS = List.of("transformer", "explainer");

  /** KServe's default predictor request timeout, for a component without {@code timeoutSeconds}. */
  private static final long DEFAULT_TIMEOUT_SECONDS = 600;

  /** The longest an old transformer's requests in progress are waited for before it unloads. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final ModelDeployer deployer;
  private final ServiceRoutes routes;
  private final ComponentHost host;
  private final EmbeddedContainerAnalyzer containers = new EmbeddedContainerAnalyzer();

  /**
   * @param host the server the components run in, or null when transformers and explainers cannot
   *     run (a control plane without a server of its own)
   */
  ComponentDeployer(ModelDeployer deployer, ServiceRoutes routes, ComponentHost host) {
    this.deployer = requireNonNull(deployer, "deployer");
    this.routes = requireNonNull(routes, "routes");
    this.host = host;
  }

  /**
   * One component's revisions.
   *
   * @param revisions the latest created and ready revision numbers
   * @param fingerprint what the latest created revision runs
   * @param serving the repository model that serves, or null
   * @param failure why the latest created revision is not ready, or null
   */
  record State(Revisions revisions, List<Object> fingerprint, String serving, Failure failure) {}

  /**
   * What {@link #stage} did.
   *
   * @param states per component kind, its revisions now
   * @param retired the repository models replaced, to unload once the routes switched
   */
  record Staged(Map<String, State> states, List<String> retired) {
    static final Staged NONE = new Staged(Map.of(), List.of());

    /** The components as observed, for the status. */
    Map<String, ComponentObservation> observations(InferenceServicePlan plan) {
      Map<String, ComponentObservation> out = new LinkedHashMap<>();
      for (ComponentPlan c : plan.components()) {
        State s = states.get(c.component());
        if (s != null) {
          List<TrafficTarget> traffic =
              s.serving() == null
                  ? List.of()
                  : List.of(new TrafficTarget(null, s.serving(), null, true, 100L, null, Map.of()));
          out.put(
              c.component(), StatusWriter.component(s.revisions(), traffic, s.failure(), c.url()));
        }
      }
      return out;
    }
  }

  /**
   * Loads the transformer and explainer of {@code plan} that changed, beside those serving, and
   * routes the InferenceService to those that serve.
   *
   * @param model the model name the predictor serves
   * @param before the components as they were, by kind
   */
  Staged stage(
      InferenceService desired,
      InferenceServicePlan plan,
      String model,
      Map<String, State> before) {
    Map<String, State> next = new LinkedHashMap<>();
    List<String> retired = new ArrayList<>();
    for (String kind : KINDS) {
      Optional<ComponentPlan> planned =
          kind.equals("transformer") ? plan.transformer() : plan.explainer();
      State old = before.get(kind);
      if (planned.isEmpty()) {
        if (old != null && old.serving() != null) {
          retired.add(old.serving());
        }
        continue;
      }
      ComponentPlan component = planned.get();
      List<Object> fingerprint =
          fingerprint(desired, component, plan.predictor().protocol(), model);
      if (old != null && fingerprint.equals(old.fingerprint()) && old.failure() == null) {
        next.put(kind, old);
        continue;
      }
      Revisions revisions =
          old != null && fingerprint.equals(old.fingerprint())
              ? old.revisions() // the same spec failed before: retried under its revision
              : (old == null ? Revisions.none(component.name()) : old.revisions())
                  .next(component.name());
      String revision = revisions.latestCreated().orElseThrow();
      String serving = old == null ? null : old.serving();
      ModelDeployer.Prepared prepared =
          deployer.scaled(prepare(desired, plan, component, model), desired, component);
      Optional<Failure> failure =
          prepared instanceof ModelDeployer.Launch launch
              ? deployer.deploy(launch, revision)
              : Optional.of(((ModelDeployer.Refused) prepared).failure());
      if (failure.isPresent()) {
        next.put(kind, new State(revisions, fingerprint, serving, failure.get()));
        continue;
      }
      if (kind.equals("transformer")) {
        host.links()
            .set(
                revision,
                new LocalPredictorLink(
                    host.inference(),
                    routes,
                    plan.namespace(),
                    plan.name(),
                    model,
                    plan.predictor().protocol(),
                    Duration.ofSeconds(timeoutSeconds(component))));
      }
      next.put(kind, new State(revisions.readied(), fingerprint, revision, null));
      if (serving != null) {
        retired.add(serving);
      }
    }
    routes.components(
        plan.namespace(), plan.name(), serving(next, "transformer"), serving(next, "explainer"));
    return new Staged(next, retired);
  }

  /** Unloads the components {@code staged} replaced, once their calls in progress finished. */
  void retire(Staged staged) {
    staged.retired().forEach(this::unload);
  }

  /** Unloads every component of a deleted InferenceService. */
  void remove(Map<String, State> states) {
    states.values().stream().map(State::serving).filter(s -> s != null).forEach(this::unload);
  }

  private void unload(String repositoryModel) {
    if (host != null) {
      // A transformer's request is two calls of the model with the predictor's call between them:
      // wait for whole requests, not only for the stage running now.
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (host.inference().transformers().running(repositoryModel) > 0
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
    }
    deployer.undeploy(repositoryModel); // waits for the calls in progress to finish
    if (host != null) {
      host.links().remove(repositoryModel);
    }
  }

  private static String serving(Map<String, State> states, String kind) {
    State s = states.get(kind);
    return s == null ? null : s.serving();
  }

  /**
   * What a component's revision runs: its plan (container, storage, settings), the predictor's
   * protocol and model name, and an explainer's {@code art}.
   */
  private static List<Object> fingerprint(
      InferenceService desired, ComponentPlan component, String protocol, String model) {
    Object art =
        component.component().equals("explainer")
            ? desired.getSpec().getExplainer().getArt()
            : null;
    return Arrays.asList(component, protocol, model, art);
  }

  /** How {@code component} runs in-process, or why it cannot. */
  private ModelDeployer.Prepared prepare(
      InferenceService desired, InferenceServicePlan plan, ComponentPlan component, String model) {
    String field = "spec." + component.component();
    if (component.component().equals("explainer")
        && desired.getSpec().getExplainer().getArt() != null) {
      return refused(
          "ExplainerNotSupported",
          "spec.explainer.art: KServe's ART explainer is not supported by kserve4j (expected"
              + " spec.explainer.containers: a kserve4j image running serve with STORAGE_URI, whose"
              + " model.py defines explain(payload, headers) or whose --model-class defines"
              + " explain)");
    }
    if (host == null) {
      return refused(
          "InvalidSpec",
          field
              + ": set (expected a predictor only: this control plane has no server to run"
              + " transformers and explainers in; `kserve4j up` runs them)");
    }
    if (component.container() == null) {
      return refused(
          "InvalidSpec",
          field
              + ".containers: missing (expected a kserve4j image running serve with STORAGE_URI)");
    }
    EmbeddedContainer analysis = containers.analyze(component);
    if (!analysis.runnable()) {
      return refused(
          KServe4jImage.matches(analysis.image()) ? "InvalidSpec" : "ImageNotSupported",
          analysis.refusals().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    ContainerLaunch launch;
    try {
      launch = ContainerLaunch.of(analysis, null, component.container().getResources());
    } catch (IllegalArgumentException e) {
      return refused("InvalidSpec", e.getMessage());
    }
    String protocol = plan.predictor().protocol().equals("v1") ? "v1" : "v2";
    return new ModelDeployer.Launch(
        launch.modelName(),
        launch.storageUri(),
        dir -> withPredictor(launch.model(dir), protocol, component.timeoutSeconds()));
  }

  /**
   * {@code model} calling its predictor on this server ({@code self.predict} of a {@code model.py},
   * a Java explainer's {@code Predictor}), with the component's {@code timeoutSeconds} as the
   * Python per-request timeout and the bound of each predictor call unless its args set them.
   */
  private ModelConfig withPredictor(ModelConfig model, String protocol, Long timeoutSeconds) {
    Map<String, String> options = new LinkedHashMap<>(model.options());
    options.put(TransformerStages.PREDICTOR_HOST_OPTION, host.address());
    options.put(TransformerStages.PREDICTOR_PROTOCOL_OPTION, protocol);
    boolean python =
        "python".equals(model.format())
            || (model.format() == null
                && Files.isRegularFile(model.directory().resolve("model.py")));
    if (python && timeoutSeconds != null) {
      options.putIfAbsent("timeoutSeconds", Long.toString(timeoutSeconds));
    }
    if (timeoutSeconds != null) {
      // Bounds each call of a Java explainer's Predictor.
      options.putIfAbsent(
          TransformerStages.PREDICTOR_TIMEOUT_OPTION, Long.toString(timeoutSeconds));
    }
    return new ModelConfig(
        model.name(),
        model.version(),
        model.directory(),
        model.format(),
        options,
        model.batching());
  }

  private static long timeoutSeconds(ComponentPlan component) {
    return component.timeoutSeconds() == null
        ? DEFAULT_TIMEOUT_SECONDS
        : component.timeoutSeconds();
  }

  private static ModelDeployer.Refused refused(String reason, String message) {
    return new ModelDeployer.Refused(
        Failure.invalidSpec(FailureReason.INVALID_PREDICTOR_SPEC, reason, message));
  }
}
