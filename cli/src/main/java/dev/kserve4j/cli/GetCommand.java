package dev.kserve4j.cli;

import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.local.AdminServer;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j get isvc|ig [NAME]}: lists InferenceServices or InferenceGraphs as kubectl does,
 * or prints them as YAML or JSON.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "Prints InferenceServices or InferenceGraphs of a running 'kserve4j up': a table, or the"
            + " full resources with -o yaml.")
public final class GetCommand implements Callable<Integer> {
  static final Set<String> RESOURCE_NAMES =
      Set.of("isvc", "inferenceservice", "inferenceservices", "inferenceservice.serving.kserve.io");

  /**
   * The names of InferenceGraphs, as kubectl knows them from KServe's CRD (short name {@code ig}).
   */
  static final Set<String> GRAPH_NAMES =
      Set.of("ig", "inferencegraph", "inferencegraphs", "inferencegraph.serving.kserve.io");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "isvc|ig",
      description = "The resource type: isvc (inferenceservice) or ig (inferencegraph).")
  String resource;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "NAME",
      description = "One resource (default: all in the namespace).")
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
    boolean graphs = GRAPH_NAMES.contains(resource);
    String body =
        client.get(
            graphs ? AdminServer.GRAPH_PATH : AdminServer.PATH,
            options.namespace,
            name,
            "yaml".equals(output));
    if (output != null) {
      System.out.print(body.endsWith("\n") ? body : body + "\n");
      return 0;
    }
    var resources = client.resources(body);
    if (resources.isEmpty()) {
      System.err.println("No resources found in " + options.namespace + " namespace.");
      return 0;
    }
    System.out.print(
        graphs
            ? InferenceServiceTable.renderGraphs(
                resources.stream().map(InferenceGraph.class::cast).toList(), Instant.now())
            : InferenceServiceTable.render(
                resources.stream().map(InferenceService.class::cast).toList(), Instant.now()));
    return 0;
  }

  static void checkResource(CommandLine.Model.CommandSpec spec, String resource) {
    if (!RESOURCE_NAMES.contains(resource) && !GRAPH_NAMES.contains(resource)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "resource type '"
              + resource
              + "' is not served here (expected one of: "
              + java.util.stream.Stream.concat(RESOURCE_NAMES.stream(), GRAPH_NAMES.stream())
                  .sorted()
                  .toList()
              + ")");
    }
  }
}
