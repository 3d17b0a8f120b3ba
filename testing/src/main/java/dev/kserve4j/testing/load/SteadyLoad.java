package dev.kserve4j.testing.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Client threads that send one request after another, each waiting for its answer, until closed.
 * Every answer is counted in the current {@link Step}: a 2xx answer under the label {@code
 * classifier} gives it (e.g. which revision answered), anything else (another status, a transport
 * error, a timeout) as a failure with its description. {@link #step} closes the current step and
 * opens the next, so a rollout's phases are counted apart.
 *
 * <p>Requests go over HTTP/1.1 on loopback with the JDK's client; each thread keeps its own
 * connection busy, so the load is bounded by the number of threads.
 */
public final class SteadyLoad implements AutoCloseable {
  /** Distinct failure texts kept per step, beyond which failures are only counted. */
  private static final int KEPT_FAILURES = 20;

  private final HttpClient client;
  private final Supplier<HttpRequest> requests;
  private final Function<String, String> classifier;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Counts> current = new AtomicReference<>(new Counts());
  private final CountDownLatch stop = new CountDownLatch(1);

  private SteadyLoad(
      int threadCount, Supplier<HttpRequest> requests, Function<String, String> classifier) {
    this.requests = requests;
    this.classifier = classifier;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    for (int i = 0; i < threadCount; i++) {
      Thread thread = Thread.ofPlatform().daemon().name("steady-load-" + i).unstarted(this::run);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /**
   * Starts {@code threads} client threads.
   *
   * @param requests makes each request (called once per request; may vary them)
   * @param classifier labels a 2xx answer's body, e.g. with the revision that gave it; null or a
   *     thrown exception counts the answer as a failure
   */
  public static SteadyLoad start(
      int threads, Supplier<HttpRequest> requests, Function<String, String> classifier) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads: " + threads + " (expected 1..256)");
    }
    return new SteadyLoad(
        threads, requireNonNull(requests, "requests"), requireNonNull(classifier, "classifier"));
  }

  /** Closes the current step, returning what it counted, and opens the next. */
  public Step step() {
    return current.getAndSet(new Counts()).snapshot();
  }

  /** What the current step counted so far; it stays open. */
  public Step peek() {
    return current.get().snapshot();
  }

  private void run() {
    while (stop.getCount() > 0) {
      String label;
      String failure = null;
      try {
        HttpRequest request = requests.get();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
          label = null;
          failure = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        } else {
          label = classifier.apply(response.body());
          if (label == null) {
            failure = "unclassified answer: " + abbreviate(response.body());
          }
        }
      } catch (IOException | RuntimeException e) {
        label = null;
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Counts counts = current.get();
      if (failure == null) {
        counts.answered(label);
      } else if (stop.getCount() > 0) {
        counts.failed(failure);
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** Stops the threads, waiting for each one's request in flight (at most 30 s). */
  @Override
  public void close() {
    stop.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    client.close();
  }

  /** The counts of one step while it is open. */
  private static final class Counts {
    private final long started = System.nanoTime();
    private final ConcurrentHashMap<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> kept = new ConcurrentHashMap<>();

    void answered(String label) {
      answers.computeIfAbsent(label, l -> new LongAdder()).increment();
    }

    void failed(String failure) {
      failures.increment();
      LongAdder same = kept.get(failure);
      if (same == null && kept.size() < KEPT_FAILURES) {
        same = kept.computeIfAbsent(failure, f -> new LongAdder());
      }
      if (same != null) {
        same.increment();
      }
    }

    Step snapshot() {
      return new Step(
          sums(answers), failures.sum(), sums(kept), Duration.ofNanos(System.nanoTime() - started));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
      Map<String, Long> out = new TreeMap<>();
      counters.forEach((key, count) -> out.put(key, count.sum()));
      return out;
    }
  }
}
