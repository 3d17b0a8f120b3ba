package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.KServe4jImage;
import dev.kserve4j.plan.RuntimeCandidate;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The runtimes embedded mode can run: kserve4j's ClusterServingRuntimes, as shipped in {@code
 * deploy/runtimes/kserve4j-runtimes.yaml}, and the kserve4j model format each one serves.
 *
 * <p>A kserve4j runtime is named {@code kserve4j-*} and passes {@code --model-format=<format>} to
 * its server container; that argument is the format the in-process repository loads the model with,
 * so the mapping has one source, the runtime definition itself.
 */
public final class EmbeddedRuntimes {
  /** The class-path copy of {@code deploy/runtimes/kserve4j-runtimes.yaml}. */
  static final String RESOURCE = "kserve4j-runtimes.yaml";

  private static final String NAME_PREFIX = "kserve4j-";

  private EmbeddedRuntimes() {}

  /** kserve4j's ClusterServingRuntimes, read from the class path. */
  public static List<RuntimeCandidate> clusterRuntimes() {
    try (InputStream in = EmbeddedRuntimes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "class-path resource "
                + RESOURCE
                + " is missing next to "
                + EmbeddedRuntimes.class.getName()
                + " (expected a copy of deploy/runtimes/"
                + RESOURCE
                + ")");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ResourceCodec()
          .readAll(yaml, RESOURCE).stream()
              .filter(ClusterServingRuntime.class::isInstance)
              .map(r -> RuntimeCandidate.of((ClusterServingRuntime) r))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("reading class-path resource " + RESOURCE + " failed", e);
    }
  }

  /**
   * The kserve4j format that serves {@code predictor}'s model, or empty when its runtime is not a
   * kserve4j runtime (or it has none: a custom container).
   */
  public static Optional<String> format(ComponentPlan predictor) {
    return launch(predictor).map(EmbeddedLaunch::format);
  }

  /**
   * How to run {@code predictor}'s model in-process, or empty when its runtime is not a kserve4j
   * runtime. A runtime is one when it is named {@code kserve4j-*} or its container runs a kserve4j
   * image (so a user's own ServingRuntime on the kserve4j image, e.g. with batching or runtime
   * options in its args, runs embedded too), and its args name a {@code --model-format}.
   *
   * @throws IllegalArgumentException when the container's args are malformed, naming the arg
   */
  static Optional<EmbeddedLaunch> launch(ComponentPlan predictor) {
    requireNonNull(predictor, "predictor");
    String runtime = predictor.runtime();
    Container container = predictor.container();
    if (runtime == null
        || container == null
        || container.getArgs() == null
        || !(runtime.startsWith(NAME_PREFIX) || KServe4jImage.matches(container.getImage()))) {
      return Optional.empty();
    }
    return Optional.ofNullable(EmbeddedLaunch.fromArgs(container.getArgs()));
  }
}
