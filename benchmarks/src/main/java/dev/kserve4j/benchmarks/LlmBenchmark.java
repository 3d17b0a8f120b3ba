package dev.kserve4j.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Generation throughput and time to first token of one GGUF model, at 1 and 4 concurrent streams:
 * either straight through the llama.cpp bindings ({@code direct}) or through a running server's
 * OpenAI API ({@code http}); {@code benchmarks/llm} runs both on the same model and compares them.
 *
 * <p>Usage:
 *
 * <ul>
 *   <li>{@code LlmBenchmark direct MODEL_FILE CONTEXT THREADS PARALLEL MAX_TOKENS PER_STREAM}: also
 *       prints this process's resident memory with the model loaded, before and after the runs
 *   <li>{@code LlmBenchmark http BASE_URL MODEL_NAME MAX_TOKENS PER_STREAM}
 * </ul>
 *
 * Each prints {@code key=value} pairs, one run per line ({@code s1.*}, {@code s4.*}), after a
 * warm-up of the same shape that is not counted. Every completion asks for {@code MAX_TOKENS}
 * tokens at temperature 0 (greedy), so both paths generate the same text.
 */
public final class LlmBenchmark {
  /** Fixed prompts; stream {@code s} starts at prompt {@code s}, so 4 streams differ. */
  static final List<String> PROMPTS =
      List.of(
          "The quick brown fox jumps over the lazy dog and then",
          "Once upon a time in a small village by the sea there lived",
          "To serve a model over HTTP one needs a server that",
          "Tokens per second measure how fast a language model");

  private static final long SETTLE_MILLIS = 2000;

  private LlmBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "" : args[0];
    switch (mode) {
      case "direct" -> {
        expect(args, 7, "direct MODEL_FILE CONTEXT THREADS PARALLEL MAX_TOKENS PER_STREAM");
        try (DirectCompletions direct =
            new DirectCompletions(
                Path.of(args[1]), positive(args, 2), positive(args, 3), positive(args, 4))) {
          System.out.println(ProcessMemory.line("mem.loaded.", SETTLE_MILLIS));
          runs(direct::complete, positive(args, 5), positive(args, 6));
          System.out.println(ProcessMemory.line("mem.after.", SETTLE_MILLIS));
        }
      }
      case "http" -> {
        expect(args, 5, "http BASE_URL MODEL_NAME MAX_TOKENS PER_STREAM");
        SseCompletions http = new SseCompletions(args[1], args[2]);
        runs(http::complete, positive(args, 3), positive(args, 4));
      }
      default ->
          throw new IllegalArgumentException(
              "mode '" + mode + "' (expected direct or http as the first argument)");
    }
    // The bindings' llama.cpp server thread is not a daemon and outlives LlamaModel.close().
    System.out.flush();
    System.exit(0);
  }

  private static void runs(CompletionTiming.Completion completion, int maxTokens, int perStream)
      throws Exception {
    StreamLoad load = new StreamLoad(PROMPTS, maxTokens);
    load.run(completion, 1, Math.max(2, perStream / 2));
    load.run(completion, 4, Math.max(1, perStream / 2));
    System.out.println(load.run(completion, 1, perStream).line("s1."));
    System.out.println(load.run(completion, 4, perStream).line("s4."));
  }

  private static void expect(String[] args, int count, String usage) {
    if (args.length != count) {
      throw new IllegalArgumentException(
          args.length + " arguments (expected " + count + ": " + usage + ")");
    }
  }

  private static int positive(String[] args, int i) {
    try {
      int n = Integer.parseInt(args[i]);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the expectation
    }
    throw new IllegalArgumentException(
        "argument " + i + ": '" + args[i] + "' (expected an integer >= 1)");
  }
}
