package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.common.NameRule;
import dev.kserve4j.plan.EmbeddedContainer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServeOptions;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.nio.file.Path;
import java.util.List;

/**
 * How embedded mode serves a predictor's custom container on a kserve4j image ({@link
 * EmbeddedContainer}): its {@code serve} flags are read by the command's own parser ({@link
 * ServeOptions#parse}), so an unknown flag or bad value is refused naming it; the model is the
 * {@code --model-dir} (the mount path, {@code /mnt/models}, or a folder in it), served under {@code
 * --model-name} or, as {@code serve} names it, the directory's name. Once {@code STORAGE_URI} is
 * fetched, the mount path in the args is replaced by the local folder and the args are read again
 * for the model's format, options, device and batching.
 */
final class ContainerLaunch {
  private final EmbeddedContainer container;
  private final String modelName;
  private final Batcher batcher;
  private final ResourceRequirements resources;

  private ContainerLaunch(
      EmbeddedContainer container,
      String modelName,
      Batcher batcher,
      ResourceRequirements resources) {
    this.container = container;
    this.modelName = modelName;
    this.batcher = batcher;
    this.resources = resources;
  }

  /**
   * Reads {@code container}'s {@code serve} flags.
   *
   * @param batcher the predictor's {@code batcher}, or null
   * @param resources the container's resources, or null
   * @throws IllegalArgumentException naming the flag that is unknown, malformed, missing or not
   *     servable in-process, and what was expected
   */
  static ContainerLaunch of(
      EmbeddedContainer container, Batcher batcher, ResourceRequirements resources) {
    requireNonNull(container, "container");
    if (!container.runnable()) {
      throw new IllegalArgumentException(
          "container " + container.field() + " is refused: " + container.refusals());
    }
    ServeOptions given = parse(container, container.serveArgs());
    String mount = container.storage().mountPath();
    if (given.modelClass() != null || given.config() != null) {
      throw refused(
          container,
          given.modelClass() != null ? "--model-class" : "--config",
          given.modelClass() != null ? given.modelClass() : given.config(),
          "--model-dir="
              + mount
              + ": embedded mode serves the model files fetched from "
              + container.storage().uri()
              + ", one model per InferenceService");
    }
    Path dir = given.modelDir();
    if (dir == null || !dir.normalize().startsWith(Path.of(mount))) {
      throw refused(
          container,
          "--model-dir",
          dir == null ? "missing" : dir,
          mount
              + " or a folder in it, where "
              + container.storage().uri()
              + " is fetched as on Kubernetes");
    }
    String name =
        given.modelName() != null
            ? given.modelName()
            : dir.normalize().getFileName() == null ? "" : dir.normalize().getFileName().toString();
    NameRule.modelNameProblem(name)
        .ifPresent(
            problem -> {
              throw refused(container, "--model-name", "'" + name + "'", problem);
            });
    return new ContainerLaunch(container, name, batcher, resources);
  }

  /** The name the model is served under. */
  String modelName() {
    return modelName;
  }

  /** Where the model's files come from. */
  String storageUri() {
    return container.storage().uri();
  }

  /** The model to load once its files are in {@code folder}. */
  ModelConfig model(Path folder) {
    ServeOptions local = parse(container, container.serveArgs(folder.toString()));
    EmbeddedLaunch how = EmbeddedLaunch.of(local).withBatcher(batcher).withGpuResources(resources);
    return new ModelConfig(
        modelName,
        local.modelVersion(),
        local.modelDir(),
        how.format(),
        how.options(),
        how.batching());
  }

  private static ServeOptions parse(EmbeddedContainer container, List<String> args) {
    try {
      return ServeOptions.parse(args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(container.field() + ": serve args: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException refused(
      EmbeddedContainer container, String flag, Object value, String expected) {
    return new IllegalArgumentException(
        container.field() + ": serve args: " + flag + " " + value + " (expected " + expected + ")");
  }
}
