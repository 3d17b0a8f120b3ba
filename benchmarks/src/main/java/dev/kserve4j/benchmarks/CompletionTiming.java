package dev.kserve4j.benchmarks;

/**
 * The timing of one streamed completion.
 *
 * @param firstTokenNanos from the request (or the bindings' generate call) to the first token with
 *     text
 * @param totalNanos from the request to the end of the stream
 * @param tokens completion tokens generated (llama.cpp's count: one per decoded token)
 */
record CompletionTiming(long firstTokenNanos, long totalNanos, int tokens) {

  /** One streamed completion of at most {@code maxTokens} tokens of {@code prompt}, greedy. */
  @FunctionalInterface
  interface Completion {
    CompletionTiming run(String prompt, int maxTokens) throws Exception;
  }
}
