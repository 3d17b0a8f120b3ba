package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.plan.BatcherArgs;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.KServe4jImage;
import dev.kserve4j.plan.StorageLocation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's pod: the plan's merged model-server container and, for its model locations, the
 * volumes KServe's storage-initializer injector adds. A {@code pvc://claim/path} location is
 * mounted read-only straight from the claim (volume {@code kserve-pvc-source}, sub-path {@code
 * path}); any other is downloaded by an init container named {@code storage-initializer} into an
 * emptyDir volume {@code kserve-provision-location}, which the server mounts read-only. A custom
 * container's location is its {@code STORAGE_URI} env var (planned at {@code /mnt/models}),
 * rendered the same way, after which the env var names {@code /mnt/models}, as KServe's injector
 * sets it.
 */
final class PodRenderer {
  static final String PROVISION_VOLUME = "kserve-provision-location";
  static final String PVC_VOLUME = "kserve-pvc-source";
  static final String INITIALIZER_NAME = "storage-initializer";
  static final String CONFIG_VOLUME = "model-config";
  static final String MODELS_VOLUME = "model-dir";
  static final String CONFIG_MOUNT = "/mnt/configs";
  private static final List<String> SINGLE_MODEL_FLAGS =
      List.of("--model-dir", "--model-name", "--model-format");
  private static final String PVC_PREFIX = "pvc://";

  private final RenderConfig config;

  PodRenderer(RenderConfig config) {
    this.config = config;
  }

  PodSpec render(ComponentPlan component) {
    return render(component, null);
  }

  /**
   * The component's pod; a predictor's {@code batcher} (null when unset) becomes the kserve4j
   * server's batching flags ({@link BatcherArgs}), as it batches in-process where KServe injects
   * its batcher sidecar. A server container on another image is refused: its batching cannot be
   * set, and dropping the batcher silently would change what users asked for.
   */
  PodSpec render(ComponentPlan component, Batcher batcher) {
    if (component.container() == null) {
      throw new IllegalArgumentException(
          "component '"
              + component.name()
              + "' has no container (the ART explainer's container comes from cluster"
              + " configuration, which the operator does not render); expected spec."
              + component.component()
              + ".containers");
    }
    if (component.storage().size() > 1) {
      throw new IllegalArgumentException(
          "component '"
              + component.name()
              + "' has "
              + component.storage().size()
              + " model locations "
              + component.storage().stream().map(StorageLocation::uri).toList()
              + "; the operator renders one (expected a single storageUri)");
    }
    ContainerBuilder server = new ContainerBuilder(component.container());
    if (batcher != null) {
      batch(component, server, batcher);
    }
    PodSpecBuilder pod = new PodSpecBuilder();
    if (isMultiModel(component)) {
      multiModel(component, server, pod);
    }
    for (StorageLocation location : component.storage()) {
      if (location.uri().startsWith(PVC_PREFIX)) {
        mountClaim(location, server, pod);
      } else {
        download(location, server, pod);
      }
    }
    if (!component.storage().isEmpty()) {
      pointStorageUriAtMount(server);
    }
    return pod.withContainers(server.build()).build();
  }

  private static void batch(ComponentPlan component, ContainerBuilder server, Batcher batcher) {
    String image = component.container().getImage();
    if (!KServe4jImage.matches(image)) {
      throw new IllegalArgumentException(
          "spec.predictor.batcher: the server container runs image '"
              + image
              + "', whose batching the operator cannot set (expected a kserve4j runtime, whose"
              + " server batches itself with --max-batch-size and --max-queue-delay-us; KServe's"
              + " batcher sidecar is not rendered)");
    }
    List<String> given = component.container().getArgs();
    List<String> args = new ArrayList<>(given == null ? List.of() : given);
    if (args.stream().noneMatch(a -> a.startsWith("--max-batch-size"))) {
      args.addAll(BatcherArgs.serveFlags(batcher));
      server.withArgs(args);
    }
  }

  /**
   * As KServe's injector does once the model is mounted: a custom container's non-empty {@value
   * StorageLocation#STORAGE_URI_ENV} now names {@value StorageLocation#DEFAULT_MOUNT_PATH}, where
   * the container finds the model.
   */
  private static void pointStorageUriAtMount(ContainerBuilder server) {
    if (server.buildEnv() == null) {
      return;
    }
    List<EnvVar> env = new ArrayList<>();
    for (EnvVar e : server.buildEnv()) {
      boolean storageUri =
          StorageLocation.STORAGE_URI_ENV.equals(e.getName())
              && e.getValue() != null
              && !e.getValue().isEmpty();
      env.add(
          storageUri
              ? new EnvVarBuilder(e).withValue(StorageLocation.DEFAULT_MOUNT_PATH).build()
              : e);
    }
    server.withEnv(env);
  }

  /**
   * KServe's multi-model predictor: a model runtime with no {@code storageUri}, whose models come
   * from TrainedModels. On a kserve4j server image the server itself is the model agent.
   */
  static boolean isMultiModel(ComponentPlan component) {
    return "predictor".equals(component.component())
        && component.runtime() != null
        && component.storage().isEmpty()
        && component.container() != null
        && KServe4jImage.matches(component.container().getImage());
  }

  /**
   * The model configuration ConfigMap ({@code modelconfig-{isvc}-0}, optional until the first
   * TrainedModel) mounted whole at {@value #CONFIG_MOUNT} (a sub-path mount would never see
   * updates), an emptyDir the server pulls models into, and the single-model flags replaced by
   * {@code --model-repository} and {@code --model-config}.
   */
  private static void multiModel(
      ComponentPlan component, ContainerBuilder server, PodSpecBuilder pod) {
    String isvc = component.name().substring(0, component.name().length() - "-predictor".length());
    pod.addToVolumes(
        new VolumeBuilder()
            .withName(CONFIG_VOLUME)
            .withNewConfigMap()
            .withName(ModelConfigMap.name(isvc))
            .withOptional(true)
            .endConfigMap()
            .build());
    pod.addToVolumes(
        new VolumeBuilder().withName(MODELS_VOLUME).withNewEmptyDir().endEmptyDir().build());
    server.addToVolumeMounts(
        new VolumeMountBuilder()
            .withName(CONFIG_VOLUME)
            .withMountPath(CONFIG_MOUNT)
            .withReadOnly(true)
            .build());
    server.addToVolumeMounts(
        new VolumeMountBuilder()
            .withName(MODELS_VOLUME)
            .withMountPath(StorageLocation.DEFAULT_MOUNT_PATH)
            .build());
    List<String> args = new ArrayList<>();
    List<String> before =
        component.container().getArgs() == null ? List.of() : component.container().getArgs();
    for (int i = 0; i < before.size(); i++) {
      String arg = before.get(i);
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (SINGLE_MODEL_FLAGS.contains(flag)) {
        i += arg.contains("=") ? 0 : 1; // the value is the next argument
      } else {
        args.add(arg);
      }
    }
    args.add("--model-repository=" + StorageLocation.DEFAULT_MOUNT_PATH);
    args.add("--model-config=" + CONFIG_MOUNT + "/" + ModelConfigMap.MODELS_JSON);
    server.withArgs(args);
  }

  private static void mountClaim(
      StorageLocation location, ContainerBuilder server, PodSpecBuilder pod) {
    String rest = location.uri().substring(PVC_PREFIX.length());
    int slash = rest.indexOf('/');
    String claim = slash < 0 ? rest : rest.substring(0, slash);
    String subPath = slash < 0 ? null : rest.substring(slash + 1);
    if (claim.isEmpty()) {
      throw new IllegalArgumentException(
          "storageUri '" + location.uri() + "' names no claim (expected pvc://<claim>[/<path>])");
    }
    pod.addToVolumes(
        new VolumeBuilder()
            .withName(PVC_VOLUME)
            .withNewPersistentVolumeClaim()
            .withClaimName(claim)
            .withReadOnly(true)
            .endPersistentVolumeClaim()
            .build());
    server.addToVolumeMounts(
        new VolumeMountBuilder()
            .withName(PVC_VOLUME)
            .withMountPath(location.mountPath())
            .withSubPath(subPath == null || subPath.isEmpty() ? null : subPath)
            .withReadOnly(true)
            .build());
  }

  private void download(StorageLocation location, ContainerBuilder server, PodSpecBuilder pod) {
    pod.addToVolumes(
        new VolumeBuilder().withName(PROVISION_VOLUME).withNewEmptyDir().endEmptyDir().build());
    List<String> args = new ArrayList<>(config.storageInitializerArgs());
    args.addAll(List.of(location.uri(), location.mountPath()));
    Container init =
        new ContainerBuilder()
            .withName(INITIALIZER_NAME)
            .withImage(config.storageInitializerImage())
            .withArgs(args)
            .withNewResources()
            .withRequests(orNull(config.storageInitializerRequests()))
            .withLimits(orNull(config.storageInitializerLimits()))
            .endResources()
            .addNewVolumeMount()
            .withName(PROVISION_VOLUME)
            .withMountPath(location.mountPath())
            .endVolumeMount()
            .build();
    pod.addToInitContainers(init);
    server.addToVolumeMounts(
        new VolumeMountBuilder()
            .withName(PROVISION_VOLUME)
            .withMountPath(location.mountPath())
            .withReadOnly(true)
            .build());
  }

  /** A sorted copy of {@code quantities}, or null (no such field) when there are none. */
  private static Map<String, Quantity> orNull(Map<String, Quantity> quantities) {
    return quantities.isEmpty() ? null : new TreeMap<>(quantities);
  }
}
