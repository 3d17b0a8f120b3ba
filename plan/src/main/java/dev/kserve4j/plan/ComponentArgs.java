package dev.kserve4j.plan;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments KServe's controller appends to a custom transformer's or explainer's container
 * ({@code transformer_custom.go}, {@code explainer_custom.go} {@code GetContainer}), so that it can
 * reach its predictor: {@code --model_name <isvc>}, {@code --predictor_host
 * <predictor-service>.<namespace>}, {@code --http_port 8080} and {@code --workers
 * <containerConcurrency>} when set, each only when the args do not name it yet (by prefix, as
 * KServe's {@code IncludesArg}; kserve4j's hyphenated spellings count too), except an explainer's
 * {@code --http_port}, which KServe always appends. kserve4j also appends {@code --protocol <the
 * predictor's protocol>} when missing, a flag of KServe's model server that KServe's controller
 * leaves to the container.
 */
final class ComponentArgs {
  static final String HTTP_PORT = "8080";

  private ComponentArgs() {}

  /** {@code container} (a copy the plan owns) with the args appended. */
  static Container append(
      Container container,
      boolean explainer,
      String isvc,
      String predictorHost,
      Long containerConcurrency,
      String protocol) {
    if (container == null) {
      return null;
    }
    List<String> args =
        new ArrayList<>(container.getArgs() == null ? List.of() : container.getArgs());
    if (!includes(args, "--model_name", "--model-name")) {
      args.addAll(List.of("--model_name", isvc));
    }
    if (!includes(args, "--predictor_host", "--predictor-host")) {
      args.addAll(List.of("--predictor_host", predictorHost));
    }
    if (explainer || !includes(args, "--http_port", "--http-port")) {
      args.addAll(List.of("--http_port", HTTP_PORT));
    }
    if (containerConcurrency != null && !includes(args, "--workers")) {
      args.addAll(List.of("--workers", Long.toString(containerConcurrency)));
    }
    if (!includes(args, "--protocol")) {
      args.addAll(List.of("--protocol", protocol));
    }
    container.setArgs(args);
    return container;
  }

  private static boolean includes(List<String> args, String... names) {
    for (String arg : args) {
      for (String name : names) {
        if (arg.startsWith(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
