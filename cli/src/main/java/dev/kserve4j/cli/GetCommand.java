package dev.kserve4j.cli;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j get isvc [NAME]}: lists InferenceServices as kubectl does, or prints one as YAML.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "Prints InferenceServices of a running 'kserve4j up': a table, or the full resources with"
            + " -o yaml.")
public final class GetCommand implements Callable<Integer> {
  static final Set<String> RESOURCE_NAMES =
      Set.of("isvc", "inferenceservice", "inferenceservices", "inferenceservice.serving.kserve.io");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "isvc",
      description = "The resource type: isvc (or inferenceservice).")
  String resource;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "NAME",
      description = "One InferenceService (default: all in the namespace).")
  String name;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "yaml or json: the full resources with status.")
  String output;

  @Mixin ServerOptions options;

  @Override
  public Integer call() {
    checkResource(spec, resource);
    if (output != null && !output.equals("yaml") && !output.equals("json")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "-o: '" + output + "' (expected: yaml or json)");
    }
    AdminClient client = options.client();
    String body = client.get(options.namespace, name, "yaml".equals(output));
    if (output != null) {
      System.out.print(body.endsWith("\n") ? body : body + "\n");
      return 0;
    }
    var services = client.items(body);
    if (services.isEmpty()) {
      System.err.println("No resources found in " + options.namespace + " namespace.");
      return 0;
    }
    System.out.print(InferenceServiceTable.render(services, Instant.now()));
    return 0;
  }

  static void checkResource(CommandLine.Model.CommandSpec spec, String resource) {
    if (!RESOURCE_NAMES.contains(resource)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "resource type '"
              + resource
              + "' is not served here (expected one of: "
              + List.copyOf(RESOURCE_NAMES).stream().sorted().toList()
              + ")");
    }
  }
}
