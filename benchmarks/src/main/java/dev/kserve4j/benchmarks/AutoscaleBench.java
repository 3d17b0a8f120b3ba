package dev.kserve4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.testing.load.SteadyLoad;
import dev.kserve4j.testing.load.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Autoscaling of a running {@code kserve4j up}, through its admin API and its data port: memory
 * with no model, serving and scaled to zero; cold starts (the first answer after scale from zero)
 * of each service next to its warm latency; and a load ramp over a slow Python model with the
 * replicas the autoscaler gave at each step, ending 1 -> N -> 1 -> 0 -> 1, counting failed
 * requests.
 *
 * <p>Usage: {@code AutoscaleBench DATA_URL ADMIN_URL PID SERVICES_YAML COLD_SERVICES ROUNDS
 * RAMP_SECONDS}. {@code SERVICES_YAML} is applied through the admin API; {@code COLD_SERVICES} is a
 * comma-separated list of the services whose cold start is measured ({@code ROUNDS} times each);
 * the service {@code slow} takes the ramp. Exits 1 when a request failed.
 */
public final class AutoscaleBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IRIS = "{\"instances\":[[6.8,2.8,4.8,1.4]]}";
  private static final Duration ZERO_DEADLINE = Duration.ofSeconds(180);
  private static final int[] RAMP = {1, 4, 8, 16, 8, 1, 0, 1};

  private final HttpClient client = HttpClient.newHttpClient();
  private final String data;
  private final String admin;

  private AutoscaleBench(String data, String admin) {
    this.data = data;
    this.admin = admin;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println(
          "usage: AutoscaleBench DATA_URL ADMIN_URL PID SERVICES_YAML COLD_SERVICES ROUNDS"
              + " RAMP_SECONDS");
      System.exit(2);
    }
    AutoscaleBench bench = new AutoscaleBench(args[0], args[1]);
    long pid = Long.parseLong(args[2]);
    List<String> cold = Arrays.asList(args[4].split(","));
    int rounds = Integer.parseInt(args[5]);
    int rampSeconds = Integer.parseInt(args[6]);

    double noModel = ProcessTreeMemory.rssMb(pid);
    System.out.printf(Locale.ROOT, "memory   no model: rss_mb=%.1f%n", noModel);
    bench.apply(Path.of(args[3]));
    double serving = ProcessTreeMemory.rssMb(pid);
    System.out.printf(Locale.ROOT, "memory   serving (1 replica each): rss_mb=%.1f%n", serving);

    for (String service : cold) {
      List<Double> colds = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        bench.awaitReplicas(service, 0);
        colds.add(bench.timedPredict(service));
      }
      List<Double> warm = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        warm.add(bench.timedPredict(service));
      }
      System.out.printf(
          Locale.ROOT,
          "cold     %-10s first answer after scale from zero: median %.0f ms (runs %s);"
              + " warm median %.2f ms; cold/warm %.0fx%n",
          service,
          median(colds),
          colds.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList(),
          median(warm),
          median(colds) / median(warm));
    }
    List<String> all = new ArrayList<>(cold);
    all.add("slow");
    for (String service : all) {
      bench.awaitReplicas(service, 0);
    }
    double atZero = ProcessTreeMemory.rssMb(pid);
    System.out.printf(
        Locale.ROOT,
        "memory   all scaled to zero: rss_mb=%.1f (%+.1f MB against no model; serving was %+.1f)%n",
        atZero,
        atZero - noModel,
        serving - noModel);

    long sent = 0;
    long failed = 0;
    URI slow = bench.predictUri("slow");
    for (int threads : RAMP) {
      if (threads == 0) {
        long start = System.nanoTime();
        bench.awaitReplicas("slow", 0);
        System.out.printf(
            Locale.ROOT,
            "ramp     threads  0: idle; scaled to zero after %.1f s%n",
            (System.nanoTime() - start) / 1e9);
        continue;
      }
      int most = 0;
      Step step;
      try (SteadyLoad load =
          SteadyLoad.start(
              threads,
              () ->
                  HttpRequest.newBuilder(slow)
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(120))
                      .POST(HttpRequest.BodyPublishers.ofString(IRIS))
                      .build(),
              body -> "ok")) {
        long end = System.nanoTime() + Duration.ofSeconds(rampSeconds).toNanos();
        while (System.nanoTime() < end) {
          most = Math.max(most, bench.replicas("slow")[1]);
          Thread.sleep(500);
        }
        step = load.step();
      }
      int[] now = bench.replicas("slow");
      sent += step.sent();
      failed += step.failed();
      System.out.printf(
          Locale.ROOT,
          "ramp     threads %2d: %6.1f req/s, %d failed; replicas at the end %d desired / %d ready"
              + " (most %d)%n",
          threads,
          step.answered() / (double) rampSeconds,
          step.failed(),
          now[0],
          now[1],
          most);
      step.failures().forEach((text, n) -> System.out.printf("  failure x%d: %s%n", n, text));
    }
    System.out.printf("total    %d requests sent under the ramp, %d failed%n", sent, failed);

    // The same process with every component at zero, then with no model at all (the services
    // deleted): what staying registered at zero costs over having no model.
    for (String service : all) {
      bench.awaitReplicas(service, 0);
    }
    double zeroAgain = ProcessTreeMemory.rssMb(pid);
    System.out.printf(Locale.ROOT, "memory   all at zero after the ramp: rss_mb=%.1f%n", zeroAgain);
    for (String service : all) {
      bench.delete(service);
    }
    double deleted = ProcessTreeMemory.rssMb(pid);
    System.out.printf(
        Locale.ROOT,
        "memory   same process, every service deleted (no model): rss_mb=%.1f; at zero it was"
            + " %+.1f MB over that%n",
        deleted,
        zeroAgain - deleted);
    System.exit(failed > 0 ? 1 : 0);
  }

  private URI predictUri(String service) {
    return URI.create(data + "/serving/default/" + service + "/v1/models/" + service + ":predict");
  }

  private void apply(Path yaml) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(admin))
                .header("Content-Type", "application/yaml")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(yaml))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      throw new IllegalStateException("apply " + yaml + ": " + r.statusCode() + " " + r.body());
    }
  }

  private void delete(String service) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(admin + "/" + service)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("delete " + service + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** Milliseconds until the service answered one V1 predict with 200. */
  private double timedPredict(String service) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(predictUri(service))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(IRIS))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - start) / 1e6;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(service + " answered " + r.statusCode() + ": " + r.body());
    }
    return ms;
  }

  /** The predictor's desired and ready replicas, from the InferenceService's status. */
  private int[] replicas(String service) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(admin + "/" + service)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode predictor = JSON.readTree(r.body()).at("/status/components/predictor");
    return new int[] {
      predictor.path("desiredReplicas").asInt(-1), predictor.path("actualReplicas").asInt(-1)
    };
  }

  private void awaitReplicas(String service, int ready) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ZERO_DEADLINE.toNanos();
    while (replicas(service)[1] != ready) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            service + " did not reach " + ready + " ready replicas in " + ZERO_DEADLINE);
      }
      Thread.sleep(100);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Resident memory of a process and its descendants (the Python workers), in parts. */
  static final class ProcessTreeMemory {
    private ProcessTreeMemory() {}

    /**
     * After {@code jcmd PID GC.run} and a settle of 2 s: the RSS of PID and its descendants, and a
     * line with the JVM's own parts (anonymous and file-backed RSS; heap, class metadata, code and
     * thread stacks committed, from native memory tracking when the JVM runs with it) and the
     * number of descendant processes.
     */
    static double rssMb(long pid) throws IOException, InterruptedException {
      jcmd(pid, "GC.run");
      Thread.sleep(2000);
      ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
      double jvm = field(pid, "VmRSS:");
      double mb = jvm;
      List<ProcessHandle> children = root.descendants().toList();
      for (ProcessHandle child : children) {
        mb += field(child.pid(), "VmRSS:");
      }
      StringBuilder parts = new StringBuilder();
      String nmt = jcmd(pid, "VM.native_memory", "summary");
      for (String category :
          List.of(
              "Java Heap",
              "Class",
              "Code",
              "Thread",
              "GC",
              "Internal",
              "Other",
              "Symbol",
              "Arena Chunk")) {
        var m =
            java.util.regex.Pattern.compile(
                    "-\\s+"
                        + java.util.regex.Pattern.quote(category)
                        + " \\(reserved=\\d+KB, committed=(\\d+)KB\\)")
                .matcher(nmt);
        if (m.find()) {
          parts.append(
              String.format(
                  Locale.ROOT,
                  " %s=%.1f",
                  category.toLowerCase(Locale.ROOT).replace(' ', '_'),
                  Long.parseLong(m.group(1)) / 1024.0));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "         jvm rss_mb=%.1f anon_mb=%.1f file_mb=%.1f; committed_mb:%s; %d child processes"
              + " (%.1f MB)%n",
          jvm,
          field(pid, "RssAnon:"),
          field(pid, "RssFile:"),
          parts.length() == 0 ? " (run with -XX:NativeMemoryTracking=summary)" : parts,
          children.size(),
          mb - jvm);
      return mb;
    }

    private static String jcmd(long pid, String... command)
        throws IOException, InterruptedException {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      List<String> line = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
      line.addAll(List.of(command));
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    }

    private static double field(long pid, String name) throws IOException {
      Path status = Path.of("/proc", Long.toString(pid), "status");
      if (!Files.exists(status)) {
        return 0;
      }
      for (String l : Files.readAllLines(status)) {
        if (l.startsWith(name)) {
          return Long.parseLong(l.trim().split("\\s+")[1]) / 1024.0;
        }
      }
      return 0;
    }
  }
}
