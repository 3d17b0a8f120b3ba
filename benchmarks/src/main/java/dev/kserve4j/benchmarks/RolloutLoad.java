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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Drives a rollout through a running {@code kserve4j up} under steady load and prints, per step,
 * the requests sent, the failures and the split measured between the revisions.
 *
 * <p>Usage: {@code RolloutLoad DATA_URL ADMIN_URL STEPS_DIR THREADS PER_STEP}. {@code STEPS_DIR}
 * holds YAML files applied in file-name order through the admin API. Files named {@code
 * probe-LABEL.yaml} come first: each is an InferenceService applied alone to learn what LABEL's
 * model answers (then deleted), so that every later answer is labelled with the model that gave it.
 * The other files are the steps; their first line {@code # step: TEXT} says what they change. The
 * service under load is the one the first step deploys (namespace {@code default}), called with the
 * V1 body of {@code BODY} on its path {@code /serving/default/NAME/v1/models/NAME:predict}; the
 * first step is applied before the load starts, each later one under load (the answers while it
 * applies are counted apart), then {@code PER_STEP} answers are counted. Prints the total sent and
 * failed under load; exits 1 when a request failed.
 */
public final class RolloutLoad {
  private static final String BODY = "{\"instances\":[[6.8,2.8,4.8,1.4],[5.1,3.5,1.4,0.2]]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RolloutLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: RolloutLoad DATA_URL ADMIN_URL STEPS_DIR THREADS PER_STEP");
      System.exit(2);
    }
    String data = args[0];
    String admin = args[1];
    List<Path> files;
    try (Stream<Path> listed = Files.list(Path.of(args[2]))) {
      files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int threads = Integer.parseInt(args[3]);
    long perStep = Long.parseLong(args[4]);
    HttpClient client = HttpClient.newHttpClient();

    Map<String, String> labels = new HashMap<>();
    List<Path> steps = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!name.startsWith("probe-")) {
        steps.add(file);
        continue;
      }
      String label = name.substring("probe-".length(), name.length() - ".yaml".length());
      JsonNode probe = apply(client, admin, file).get(0);
      String service = probe.at("/metadata/name").asText();
      String answer = predict(client, data, service);
      labels.put(answer, label);
      send(client, HttpRequest.newBuilder(URI.create(admin + "/" + service)).DELETE());
      System.out.printf("probe %-18s answers %s%n", label, answer);
    }
    if (labels.size() != files.size() - steps.size()) {
      throw new IllegalStateException("two probes answer the same: " + labels);
    }
    // The first step deploys the service, before any load.
    Path first = steps.removeFirst();
    System.out.printf(
        "deploy   %s%n", Files.readAllLines(first).getFirst().replaceFirst("^# step: ", ""));
    JsonNode deployed = apply(client, admin, first);
    System.out.printf("  status   %s%n", status(deployed));
    String name = deployed.get(deployed.size() - 1).at("/metadata/name").asText();
    URI target = URI.create(data + "/serving/default/" + name + "/v1/models/" + name + ":predict");
    boolean failed = false;
    long sent = 0;
    long lost = 0;
    try (SteadyLoad load =
        SteadyLoad.start(
            threads,
            () ->
                HttpRequest.newBuilder(target)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build(),
            labels::get)) {
      for (Path file : steps) {
        String what = Files.readAllLines(file).getFirst().replaceFirst("^# step: ", "");
        load.step();
        JsonNode applied = apply(client, admin, file);
        Step during = load.step();
        while (load.peek().sent() < perStep) {
          Thread.sleep(20);
        }
        Step after = load.step();
        failed |= during.failed() > 0 || after.failed() > 0;
        sent += during.sent() + after.sent();
        lost += during.failed() + after.failed();
        System.out.printf("step %s%n", what);
        System.out.printf("  status   %s%n", status(applied));
        System.out.printf("  applying %s%n", during.summary());
        System.out.printf("  after    %s%n", after.summary());
        after.failures().forEach((text, n) -> System.out.printf("  failure x%d: %s%n", n, text));
        during.failures().forEach((text, n) -> System.out.printf("  failure x%d: %s%n", n, text));
      }
    }
    System.out.printf("total    %d requests sent under load, %d failed%n", sent, lost);
    System.exit(failed ? 1 : 0);
  }

  private static JsonNode apply(HttpClient client, String admin, Path file)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            client,
            HttpRequest.newBuilder(URI.create(admin))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
    JsonNode body = JSON.readTree(response.body());
    return body.has("items") ? body.get("items") : JSON.createArrayNode().add(body);
  }

  private static String predict(HttpClient client, String data, String service)
      throws IOException, InterruptedException {
    return send(
            client,
            HttpRequest.newBuilder(
                    URI.create(
                        data
                            + "/serving/default/"
                            + service
                            + "/v1/models/"
                            + service
                            + ":predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)))
        .body();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          request.build().uri() + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  /** Ready, the predictor's traffic and the canary variants as KServe reports them. */
  private static String status(JsonNode applied) {
    JsonNode service = applied.get(applied.size() - 1);
    StringBuilder out = new StringBuilder();
    for (JsonNode condition : service.at("/status/conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        out.append("Ready=").append(condition.path("status").asText());
        if (condition.has("message")) {
          out.append(" (").append(condition.path("message").asText()).append(')');
        }
      }
    }
    for (JsonNode traffic : service.at("/status/components/predictor/traffic")) {
      out.append(", ")
          .append(traffic.path("revisionName").asText())
          .append(' ')
          .append(traffic.path("percent").asInt())
          .append('%');
      if (traffic.hasNonNull("tag")) {
        out.append(" (").append(traffic.path("tag").asText()).append(')');
      }
    }
    for (JsonNode canary : service.at("/status/canaryStatuses")) {
      out.append(", canary ")
          .append(canary.path("name").asText())
          .append(' ')
          .append(canary.path("trafficPercent").asInt())
          .append("% ready=")
          .append(canary.path("ready").asBoolean());
    }
    return out.toString();
  }
}
