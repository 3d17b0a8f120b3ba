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
 * --model-name} or, as {@code serve} names it, the directory's name. A Java class ({@code
 * --model-class}, format {@code custom}) has its {@code --classpath} entries under the mount path,
 * its directory {@code --model-dir} or else the mount path, and is named as {@code serve} names it.
 * Once {@code STORAGE_URI} is fetched, the mount path in the args is replaced by the local folder
 * and the args are read again for the model's format, options, device and batching.
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
    if (given.config() != null) {
      throw refused(
          container,
          "--config",
          given.config(),
          "--model-dir="
              + mount
              + " or --model-class: embedded mode serves the model files fetched from "
              + container.storage().uri()
              + ", one model per InferenceService");
    }
    Path dir = given.modelDir();
    if (given.modelClass() != null) {
      checkClasspath(container, given.classpath());
    }
    if ((dir == null && given.modelClass() == null) || (dir != null && !under(dir, mount))) {
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
        given.modelClass() != null
            ? given.customModelName()
            : given.modelName() != null
                ? given.modelName()
                : dir.normalize().getFileName() == null
                    ? ""
                    : dir.normalize().getFileName().toString();
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

  /**
   * The model to load once its files are in {@code folder}; a {@code --model-class} is format
   * {@code custom}, its directory {@code --model-dir} or else {@code folder}.
   */
  ModelConfig model(Path folder) {
    ServeOptions local = parse(container, container.serveArgs(folder.toString()));
    EmbeddedLaunch how = EmbeddedLaunch.of(local).withBatcher(batcher).withGpuResources(resources);
    ModelConfig model =
        local.modelClass() != null
            ? local.customModel(local.modelDir() == null ? folder : local.modelDir())
            : new ModelConfig(
                modelName,
                local.modelVersion(),
                local.modelDir(),
                how.format(),
                how.options(),
                null);
    return new ModelConfig(
        modelName,
        model.version(),
        model.directory(),
        model.format(),
        model.options(),
        how.batching());
  }

  /**
   * Each {@code --classpath} entry must be the mount path or below it: what {@code STORAGE_URI}
   * holds is all embedded mode can read of the container's files.
   */
  private static void checkClasspath(EmbeddedContainer container, String classpath) {
    if (classpath == null) {
      return; // the class is looked up on the server's own class path, as serve does
    }
    String mount = container.storage().mountPath();
    for (String entry : classpath.split(":", -1)) {
      if (entry.isBlank() || !entry.startsWith("/") || !under(Path.of(entry), mount)) {
        throw refused(
            container,
            "--classpath",
            "'" + classpath + "' (entry '" + entry + "')",
            "jars or class folders under "
                + mount
                + ", separated by ':', e.g. --classpath="
                + mount
                + "/my-transformer.jar: embedded mode fetches "
                + container.storage().uri()
                + " there and cannot read other files of the image");
      }
    }
  }

  private static boolean under(Path path, String mount) {
    return path.normalize().startsWith(Path.of(mount));
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
