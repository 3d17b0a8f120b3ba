package dev.kserve4j.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a number of concurrent streams, each a sequence of greedy completions of fixed prompts, and
 * summarises time to first token and tokens per second.
 *
 * <p>Stream {@code s} sends prompt {@code (s + i) % prompts} as its {@code i}-th completion, so the
 * direct and the HTTP runs generate exactly the same tokens. Aggregate tokens/s is all completion
 * tokens over the wall time from the common start to the last stream's end; a stream's tokens/s is
 * one completion's tokens over its whole time (first token included).
 */
final class StreamLoad {
  private final List<String> prompts;
  private final int maxTokens;

  StreamLoad(List<String> prompts, int maxTokens) {
    this.prompts = List.copyOf(requireNonNull(prompts, "prompts"));
    this.maxTokens = maxTokens;
  }

  /** Runs {@code streams} streams of {@code perStream} completions each and returns the summary. */
  Summary run(CompletionTiming.Completion completion, int streams, int perStream)
      throws InterruptedException, ExecutionException {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<CompletionTiming>>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(streams)) {
      for (int s = 0; s < streams; s++) {
        int stream = s;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<CompletionTiming> timings = new ArrayList<>();
                  for (int i = 0; i < perStream; i++) {
                    timings.add(
                        completion.run(prompts.get((stream + i) % prompts.size()), maxTokens));
                  }
                  return timings;
                }));
      }
      long t0 = System.nanoTime();
      start.countDown();
      List<CompletionTiming> all = new ArrayList<>();
      for (Future<List<CompletionTiming>> f : futures) {
        all.addAll(f.get());
      }
      return new Summary(streams, all, System.nanoTime() - t0);
    }
  }

  /** The figures of one run: {@code wallNanos} from the common start to the last stream's end. */
  record Summary(int streams, List<CompletionTiming> completions, long wallNanos) {

    int tokens() {
      return completions.stream().mapToInt(CompletionTiming::tokens).sum();
    }

    double aggregateTokensPerSecond() {
      return tokens() / (wallNanos / 1e9);
    }

    double streamTokensPerSecondMedian() {
      return percentile(
          completions.stream()
              .mapToDouble(c -> c.tokens() / (c.totalNanos() / 1e9))
              .sorted()
              .toArray(),
          50);
    }

    double firstTokenMillis(double p) {
      return percentile(
          completions.stream().mapToDouble(c -> c.firstTokenNanos() / 1e6).sorted().toArray(), p);
    }

    /**
     * One line of {@code key=value} pairs, prefixed with {@code prefix} (e.g. {@code direct.s4.}).
     */
    String line(String prefix) {
      return String.format(
          Locale.ROOT,
          "%1$scompletions=%2$d %1$stokens=%3$d %1$swall_ms=%4$.1f %1$sagg_tps=%5$.1f"
              + " %1$sstream_tps_p50=%6$.1f %1$sttft_p50_ms=%7$.2f %1$sttft_p99_ms=%8$.2f",
          prefix,
          completions.size(),
          tokens(),
          wallNanos / 1e6,
          aggregateTokensPerSecond(),
          streamTokensPerSecondMedian(),
          firstTokenMillis(50),
          firstTokenMillis(99));
    }

    private static double percentile(double[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index =
          (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
      return sorted[index];
    }
  }
}
