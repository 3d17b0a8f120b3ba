package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.CanarySpec;
import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import dev.kserve4j.api.validation.InferenceServiceDefaulter;
import dev.kserve4j.api.validation.InferenceServiceValidator;
import dev.kserve4j.api.validation.ValidatingWebhooks;
import dev.kserve4j.api.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an InferenceService and the runtimes it may use into a plan, the way KServe's webhooks and
 * InferenceService controller would: default ({@link InferenceServiceDefaulter}), validate ({@link
 * InferenceServiceValidator}), select the predictor's runtime ({@link RuntimeSelector}), then merge
 * the runtime's container with the predictor's fields ({@link ContainerMerger}) and fill its
 * placeholders ({@link Placeholders}). Pure: no I/O, no clock.
 */
public final class InferenceServicePlanner {
  /** The namespace of a resource that names none, as {@code kubectl apply} would use. */
  static final String DEFAULT_NAMESPACE = "default";

  private static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";

  private final InferenceServiceDefaulter defaulter = new InferenceServiceDefaulter();
  private final InferenceServiceValidator validator = new InferenceServiceValidator();
  private final ValidatingWebhooks webhooks = new ValidatingWebhooks();
  private final ResourceCodec codec = new ResourceCodec();
  private final ContainerMerger merger = new ContainerMerger();
  private final Placeholders placeholders = new Placeholders();

  /**
   * KServe's admission of {@code isvc} ({@link ValidatingWebhooks#inferenceService}) with the
   * deployment mode resolved from {@code config} as KServe's defaulting webhook resolves it: the
   * webhook's message when it would deny the resource, else empty. What it denies is never stored.
   *
   * @param stored the resource being updated, or {@code null} on a create
   */
  public Optional<String> admissionDenial(
      InferenceService isvc, InferenceService stored, PlanConfig config) {
    requireNonNull(isvc, "isvc");
    requireNonNull(config, "config");
    return webhooks.inferenceService(withDeploymentMode(isvc, config), stored);
  }

  /**
   * Plans {@code isvc}.
   *
   * @param namespaced the ServingRuntimes of the InferenceService's namespace
   * @param cluster the ClusterServingRuntimes
   */
  public PlanResult plan(
      InferenceService isvc,
      List<RuntimeCandidate> namespaced,
      List<RuntimeCandidate> cluster,
      PlanConfig config) {
    requireNonNull(isvc, "isvc");
    requireNonNull(namespaced, "namespaced");
    requireNonNull(cluster, "cluster");
    requireNonNull(config, "config");
    InferenceService defaulted = defaulter.apply(withDeploymentMode(isvc, config));
    ValidationResult validation = validator.validate(defaulted);
    if (!validation.isValid()) {
      return new PlanResult.Rejected(validation.errors());
    }
    ResourceDefaults.apply(defaulted.getSpec(), config);
    ObjectMeta meta = defaulted.getMetadata();
    String name = meta.getName();
    String namespace =
        meta.getNamespace() == null || meta.getNamespace().isBlank()
            ? DEFAULT_NAMESPACE
            : meta.getNamespace();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    DeploymentMode mode = DeploymentMode.fromAnnotation(annotations.get(DEPLOYMENT_MODE));
    Hosts hosts =
        new Hosts(
            namespace,
            mode,
            config,
            DomainTemplate.parse(config.domainTemplate()),
            annotations,
            meta.getLabels());
    PredictorSpec p = defaulted.getSpec().getPredictor();
    Planned<ComponentPlan> stable =
        predictor(p, name, namespace, meta, annotations, hosts, mode, namespaced, cluster);
    if (stable.noRuntime() != null) {
      return stable.noRuntime();
    }
    ComponentPlan predictor = stable.value();
    List<CanaryPlan> canaries = new ArrayList<>();
    List<CanarySpec> canarySpecs =
        defaulted.getSpec().getCanary() == null ? List.of() : defaulted.getSpec().getCanary();
    for (CanarySpec canary : canarySpecs) {
      Planned<ComponentPlan> variant =
          predictor(
              CanarySpecMerge.over(p, canary.predictor()),
              name,
              namespace,
              meta,
              annotations,
              hosts,
              mode,
              namespaced,
              cluster);
      if (variant.noRuntime() != null) {
        return variant.noRuntime();
      }
      canaries.add(
          new CanaryPlan(
              canary.predictor().getName(),
              canary.trafficPercent() == null ? 0 : canary.trafficPercent(),
              variant.value()));
    }
    String predictorHost = predictor.name() + "." + namespace;
    Optional<ComponentPlan> transformer =
        Optional.ofNullable(defaulted.getSpec().getTransformer())
            .map(
                t ->
                    withArgs(
                        custom(
                            "transformer",
                            name + "-transformer",
                            t,
                            hosts,
                            mode,
                            predictor.protocol()),
                        false,
                        name,
                        predictorHost,
                        predictor.protocol()));
    Optional<ComponentPlan> explainer =
        Optional.ofNullable(defaulted.getSpec().getExplainer())
            .map(
                e ->
                    withArgs(
                        custom("explainer", name + "-explainer", e, hosts, mode, protocol(null)),
                        true,
                        name,
                        predictorHost,
                        predictor.protocol()));
    String host = hosts.host(name);
    return new PlanResult.Planned(
        new InferenceServicePlan(
            name,
            namespace,
            mode,
            host,
            config.urlScheme() + "://" + host,
            predictor,
            transformer,
            explainer,
            canaries));
  }

  /** A planned value, or the reason no runtime could serve it. */
  private record Planned<T>(T value, PlanResult.NoRuntime noRuntime) {}

  /**
   * A predictor (the stable one or a canary): named {@code {isvc}-predictor}, or {@code
   * {isvc}-{name}-predictor} when it has a name; a model goes to its selected runtime's container,
   * else the predictor's own containers run.
   */
  private Planned<ComponentPlan> predictor(
      PredictorSpec p,
      String name,
      String namespace,
      ObjectMeta meta,
      Map<String, String> annotations,
      Hosts hosts,
      DeploymentMode mode,
      List<RuntimeCandidate> namespaced,
      List<RuntimeCandidate> cluster) {
    ModelSpec model = p.getModel();
    String predictorName =
        p.getName() == null || p.getName().isEmpty()
            ? name + "-predictor"
            : name + "-" + p.getName() + "-predictor";
    if (model == null) {
      Container server = merger.copy(serverContainer(p.getContainers()));
      return new Planned<>(
          ComponentSettings.of(p, mode)
              .component(
                  "predictor",
                  predictorName,
                  hosts,
                  null,
                  false,
                  null,
                  ComponentSettings.customStorage(p, server),
                  protocol(null),
                  server),
          null);
    }
    RuntimeSelection selection =
        RuntimeSelector.select(
            model.getModelFormat(),
            model.getRuntime(),
            model.getProtocolVersion(),
            namespaced,
            cluster);
    if (selection instanceof RuntimeSelection.NoSupportingRuntime none) {
      return new Planned<>(null, new PlanResult.NoRuntime(none));
    }
    RuntimeCandidate runtime = ((RuntimeSelection.Selected) selection).runtime();
    Container merged =
        ContainerMerger.withImageTag(
            merger.merge(serverContainer(runtime.spec().getContainers()), model),
            model.getRuntimeVersion());
    Container filled = placeholders.fill(merged, name, namespace, meta.getLabels(), annotations);
    List<StorageLocation> storage = new ArrayList<>();
    if (model.getStorageUri() != null) {
      storage.add(new StorageLocation(model.getStorageUri(), StorageLocation.DEFAULT_MOUNT_PATH));
    }
    storage.addAll(ComponentSettings.storageUris(p));
    String format = RuntimeSelector.label(model.getModelFormat()).substring("mt:".length());
    return new Planned<>(
        ComponentSettings.of(p, mode)
            .component(
                "predictor",
                predictorName,
                hosts,
                runtime.name(),
                runtime.clusterScoped(),
                format,
                storage,
                protocol(model.getProtocolVersion()),
                filled),
        null);
  }

  /**
   * A copy of {@code isvc} whose deployment-mode annotation names its mode, the configured default
   * when it names none, as KServe's controller resolves it ({@code GetDeploymentMode}); the
   * validator's Standard-only rules then see the mode the plan uses.
   */
  private InferenceService withDeploymentMode(InferenceService isvc, PlanConfig config) {
    InferenceService copy =
        codec.read(codec.toJson(isvc), "InferenceService to plan", InferenceService.class);
    if (copy.getMetadata() == null) {
      return copy;
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (copy.getMetadata().getAnnotations() != null) {
      annotations.putAll(copy.getMetadata().getAnnotations());
    }
    DeploymentMode mode = DeploymentMode.fromAnnotation(annotations.get(DEPLOYMENT_MODE));
    annotations.put(
        DEPLOYMENT_MODE, (mode == null ? config.defaultDeploymentMode() : mode).annotation());
    copy.getMetadata().setAnnotations(annotations);
    return copy;
  }

  /** {@code component} with the args KServe's controller gives a transformer or explainer. */
  private static ComponentPlan withArgs(
      ComponentPlan component,
      boolean explainer,
      String isvc,
      String predictorHost,
      String protocol) {
    return component.withContainer(
        ComponentArgs.append(
            component.container(),
            explainer,
            isvc,
            predictorHost,
            component.containerConcurrency(),
            protocol));
  }

  private ComponentPlan custom(
      String component,
      String serviceName,
      ComponentSpec spec,
      Hosts hosts,
      DeploymentMode mode,
      String protocol) {
    List<Container> containers = spec.getContainers();
    Container container =
        containers == null || containers.isEmpty()
            ? null
            : merger.copy(serverContainer(containers));
    return ComponentSettings.of(spec, mode)
        .component(
            component,
            serviceName,
            hosts,
            null,
            false,
            null,
            ComponentSettings.customStorage(spec, container),
            protocol,
            container);
  }

  /** The container named {@code kserve-container}, else the first (KServe's target container). */
  private static Container serverContainer(List<Container> containers) {
    if (containers == null || containers.isEmpty()) {
      return new Container();
    }
    return containers.stream()
        .filter(c -> "kserve-container".equals(c.getName()))
        .findFirst()
        .orElse(containers.getFirst());
  }

  private static String protocol(ProtocolVersion p) {
    return p == null
        ? "v1"
        : switch (p) {
          case V1 -> "v1";
          case V2 -> "v2";
          case GRPC_V1 -> "grpc-v1";
          case GRPC_V2 -> "grpc-v2";
        };
  }

  /**
   * External hosts: {@code {name}.{namespace}.{domain}} in Knative mode; in Standard mode the
   * configured {@code domainTemplate} over the InferenceService's metadata (KServe's {@code
   * GenerateDomainName}), by default {@code {{.Name}}-{{.Namespace}}.{{.IngressDomain}}}.
   */
  record Hosts(
      String namespace,
      DeploymentMode mode,
      PlanConfig config,
      DomainTemplate template,
      Map<String, String> annotations,
      Map<String, String> labels) {
    String host(String service) {
      return mode == DeploymentMode.KNATIVE
          ? service + "." + namespace + "." + config.ingressDomain()
          : template.render(service, namespace, config.ingressDomain(), annotations, labels);
    }

    String url(String service) {
      return config.urlScheme() + "://" + host(service);
    }
  }
}
