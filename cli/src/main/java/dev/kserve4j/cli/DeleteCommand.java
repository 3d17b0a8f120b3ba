package dev.kserve4j.cli;

import dev.kserve4j.local.AdminServer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j delete isvc|ig NAME}: deletes an InferenceService (its model stops serving) or an
 * InferenceGraph.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Deletes an InferenceService from a running 'kserve4j up'; its model stops serving.")
public final class DeleteCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "isvc|ig",
      description = "The resource type: isvc (inferenceservice) or ig (inferencegraph).")
  String resource;

  @Parameters(index = "1", paramLabel = "NAME", description = "The resource to delete.")
  String name;

  @Mixin ServerOptions options;

  @Override
  public Integer call() {
    GetCommand.checkResource(spec, resource);
    boolean graph = GetCommand.GRAPH_NAMES.contains(resource);
    options
        .client()
        .delete(graph ? AdminServer.GRAPH_PATH : AdminServer.PATH, options.namespace, name);
    System.out.println(
        (graph ? "inferencegraph" : "inferenceservice")
            + ".serving.kserve.io \""
            + name
            + "\" deleted");
    return 0;
  }
}
