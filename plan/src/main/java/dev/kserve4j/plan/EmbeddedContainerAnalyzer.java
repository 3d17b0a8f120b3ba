package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether embedded mode can run a predictor written as a custom container: only a kserve4j
 * image ({@link KServe4jImage}) running {@code kserve4j serve}, whose model comes from the {@value
 * StorageLocation#STORAGE_URI_ENV} env var, as on Kubernetes, where the storage initializer fetches
 * it to {@value StorageLocation#DEFAULT_MOUNT_PATH}. Embedded mode then fetches it to a local
 * folder and serves the model in-process with the container's {@code serve} flags. A Java class
 * ({@code serve --model-class C --classpath /mnt/models/c.jar}) needs {@code STORAGE_URI} too: its
 * jars are what is fetched, as embedded mode cannot read files built into an image.
 *
 * <p>The {@code serve} command is found in {@code command} followed by {@code args}: without a
 * {@code command} the image's entrypoint is the kserve4j command line, so {@code args} must start
 * with {@code serve}; with one (e.g. {@code [java, -jar, /opt/kserve4j/kserve4j-cli.jar]}), the
 * flags are what follows the first {@code serve}. Refused, each naming its field: another image
 * (nothing else is checked then), no {@code serve}, no {@code STORAGE_URI}, several model
 * locations.
 */
public final class EmbeddedContainerAnalyzer {
  private static final String SERVE = "serve";
  private static final String MODEL_CLASS = "--model-class";

  /** kserve4j's server image, as the refusal of another image names it. */
  static final String KSERVE4J_SERVER = "ghcr.io/kserve4j/kserve4j-server:0.1.0";

  /**
   * The analysis of {@code component}, a planned custom container (no runtime).
   *
   * @throws IllegalArgumentException when {@code component} has a runtime or no container
   */
  public EmbeddedContainer analyze(ComponentPlan component) {
    requireNonNull(component, "component");
    Container container = component.container();
    if (component.runtime() != null || container == null) {
      throw new IllegalArgumentException(
          "component '"
              + component.name()
              + "' is not a custom container (runtime "
              + component.runtime()
              + ", container "
              + (container == null ? "none" : container.getName())
              + "; expected a container and no runtime)");
    }
    String at =
        "spec."
            + component.component()
            + ".containers["
            + (container.getName() == null ? 0 : container.getName())
            + "]";
    String image = container.getImage();
    if (!KServe4jImage.matches(image)) {
      return refused(
          at,
          image,
          new FieldError(
              at + ".image",
              image == null ? null : "'" + image + "'",
              (image == null ? "missing: " : "not a kserve4j image: ")
                  + "embedded mode runs a custom container in-process only when it is kserve4j's"
                  + " server (expected an image named kserve4j or kserve4j-*, e.g. "
                  + KSERVE4J_SERVER
                  + ", with args [serve, --model-dir="
                  + StorageLocation.DEFAULT_MOUNT_PATH
                  + ", --model-name=NAME, --model-format=FORMAT]); serve other images on Kubernetes"
                  + " with `kserve4j controller`, or the model with spec.predictor.model"));
    }
    List<FieldError> refusals = new ArrayList<>();
    List<String> command = container.getCommand() == null ? List.of() : container.getCommand();
    List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
    List<String> line = new ArrayList<>(command);
    line.addAll(args);
    // Without a command, the image's entrypoint (the command line) reads args[0] as its command.
    int serve =
        command.isEmpty()
            ? (!args.isEmpty() && args.getFirst().equals(SERVE) ? 0 : -1)
            : line.indexOf(SERVE);
    if (serve < 0) {
      refusals.add(
          new FieldError(
              at + (command.isEmpty() ? ".args" : ".command"),
              line,
              "runs no `kserve4j serve` (expected "
                  + (command.isEmpty() ? "args starting with serve" : "serve in command or args")
                  + ", e.g. [serve, --model-dir="
                  + StorageLocation.DEFAULT_MOUNT_PATH
                  + ", --model-name=NAME, --model-format=FORMAT]: embedded mode serves the model"
                  + " of kserve4j's serve command in-process and runs no other command)"));
    }
    List<StorageLocation> storage = component.storage();
    if (storage.isEmpty()) {
      refusals.add(
          new FieldError(
              at + ".env[" + StorageLocation.STORAGE_URI_ENV + "]",
              null,
              line.stream().anyMatch(a -> a.equals(MODEL_CLASS) || a.startsWith(MODEL_CLASS + "="))
                  ? "missing (expected the location of the jars of --model-class, e.g."
                      + " file:///models/my-transformer or s3://bucket/my-transformer: embedded"
                      + " mode cannot read files built into an image; it fetches STORAGE_URI and"
                      + " loads the class from the --classpath entries under "
                      + StorageLocation.DEFAULT_MOUNT_PATH
                      + ")"
                  : "missing (expected the model's location, e.g. file:///models/iris or"
                      + " s3://bucket/iris: embedded mode fetches it and serves it where the args"
                      + " name "
                      + StorageLocation.DEFAULT_MOUNT_PATH
                      + ")"));
    } else if (storage.size() > 1) {
      refusals.add(
          new FieldError(
              "spec." + component.component() + ".storageUris",
              storage.stream().map(StorageLocation::uri).toList(),
              "expected one model location in all ("
                  + StorageLocation.STORAGE_URI_ENV
                  + " or one storageUris entry): embedded mode loads a model from a single"
                  + " location"));
    }
    if (!refusals.isEmpty()) {
      return new EmbeddedContainer(at, image, List.of(), null, refusals);
    }
    return new EmbeddedContainer(
        at, image, line.subList(serve + 1, line.size()), storage.getFirst(), List.of());
  }

  private static EmbeddedContainer refused(String at, String image, FieldError why) {
    return new EmbeddedContainer(at, image, List.of(), null, List.of(why));
  }
}
