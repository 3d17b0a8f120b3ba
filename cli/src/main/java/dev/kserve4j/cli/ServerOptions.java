package dev.kserve4j.cli;

import picocli.CommandLine.Option;

/**
 * The options that name the running {@code kserve4j up} and the namespace, shared by the client
 * verbs.
 */
final class ServerOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Admin API of a running 'kserve4j up' (default: $KSERVE4J_SERVER, else "
              + AdminClient.DEFAULT_SERVER
              + ").")
  String server;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default",
      description = "Namespace of the InferenceService (default: ${DEFAULT-VALUE}).")
  String namespace;

  AdminClient client() {
    return AdminClient.resolve(server, System.getenv());
  }
}
