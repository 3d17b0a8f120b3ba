package dev.kserve4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kserve4j delete isvc NAME}: deletes an InferenceService and stops serving its model. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Deletes an InferenceService from a running 'kserve4j up'; its model stops serving.")
public final class DeleteCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "isvc",
      description = "The resource type: isvc (or inferenceservice).")
  String resource;

  @Parameters(index = "1", paramLabel = "NAME", description = "The InferenceService to delete.")
  String name;

  @Mixin ServerOptions options;

  @Override
  public Integer call() {
    GetCommand.checkResource(spec, resource);
    options.client().delete(options.namespace, name);
    System.out.println("inferenceservice.serving.kserve.io \"" + name + "\" deleted");
    return 0;
  }
}
