package dev.kserve4j.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j apply -f FILE}: applies the InferenceServices, InferenceGraphs and runtimes in a
 * file to a running server.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Applies the InferenceServices and InferenceGraphs in FILE to a running 'kserve4j up' and"
            + " prints their READY and URL.")
public final class ApplyCommand implements Callable<Integer> {
  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description =
          "YAML or JSON file with InferenceServices, InferenceGraphs, ServingRuntimes or"
              + " ClusterServingRuntimes.")
  Path file;

  @Mixin ServerOptions options;

  @Override
  public Integer call() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("-f " + file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    AdminClient.Applied applied = options.client().apply(text, file.toString());
    AdmissionWarnings.print(applied.warnings(), System.err);
    for (HasMetadata resource : applied.resources()) {
      System.out.println(InferenceServiceTable.summary(resource));
    }
    return 0;
  }
}
