package dev.kserve4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kserve4j} command: a model server that speaks KServe's protocols. */
@Command(
    name = "kserve4j",
    mixinStandardHelpOptions = true,
    version = "kserve4j 0.1.0",
    description =
        "Serves machine-learning models over KServe's V1 and the Open Inference Protocol (REST and"
            + " gRPC).",
    subcommands = {
      ServeCommand.class,
      UpCommand.class,
      ApplyCommand.class,
      GetCommand.class,
      DeleteCommand.class,
      TinyGgufCommand.class,
      ControllerCommand.class,
      RouterCommand.class,
      StorageInitializerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Kserve4jCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command (expected: serve, up, apply, get, delete, tiny-gguf, controller,"
            + " router or storage-initializer)");
  }

  public static void main(String[] args) {
    // `serve` returns only once the server has stopped, with the exit status to report.
    System.exit(commandLine().execute(args));
  }

  /** The command line with kserve4j's error handling, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Kserve4jCommand());
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("kserve4j: " + ex.getMessage());
          return 1;
        });
    return cl;
  }
}
