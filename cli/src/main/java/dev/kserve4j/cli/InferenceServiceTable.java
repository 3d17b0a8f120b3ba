package dev.kserve4j.cli;

import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphStatus;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * InferenceServices as {@code kubectl get isvc} prints them: the additional printer columns of
 * KServe's CRD (NAME, URL, READY, PREV, LATEST, PREVROLLEDOUTREVISION, LATESTREADYREVISION, AGE),
 * where PREV and PREVROLLEDOUTREVISION are the percent and revision of the predictor traffic tagged
 * {@code prev}, and LATEST and LATESTREADYREVISION those of the traffic that follows the latest
 * ready revision. A column whose path matches nothing is empty, as kubectl leaves it.
 */
final class InferenceServiceTable {
  private InferenceServiceTable() {}

  static final List<String> HEADER =
      List.of(
          "NAME",
          "URL",
          "READY",
          "PREV",
          "LATEST",
          "PREVROLLEDOUTREVISION",
          "LATESTREADYREVISION",
          "AGE");

  /** The table, columns padded to their widest cell plus three spaces, as kubectl aligns them. */
  static String render(List<InferenceService> services, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (InferenceService isvc : services) {
      rows.add(row(isvc, now));
    }
    return table(rows);
  }

  /** The columns of KServe's InferenceGraph CRD: NAME, URL, READY, AGE. */
  static final List<String> GRAPH_HEADER = List.of("NAME", "URL", "READY", "AGE");

  /** InferenceGraphs as {@code kubectl get ig} prints them. */
  static String renderGraphs(List<InferenceGraph> graphs, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(GRAPH_HEADER);
    for (InferenceGraph g : graphs) {
      Optional<InferenceGraphStatus> status = Optional.ofNullable(g.getStatus());
      rows.add(
          List.of(
              g.getMetadata().getName(),
              status.map(InferenceGraphStatus::getUrl).orElse(""),
              status.flatMap(st -> st.condition("Ready")).map(Condition::status).orElse(""),
              age(g.getMetadata().getCreationTimestamp(), now)));
    }
    return table(rows);
  }

  private static String table(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1
                ? row.get(i)
                : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  static List<String> row(InferenceService isvc, Instant now) {
    Optional<InferenceServiceStatus> status = Optional.ofNullable(isvc.getStatus());
    return List.of(
        isvc.getMetadata().getName(),
        status.map(InferenceServiceStatus::getUrl).orElse(""),
        ready(isvc).map(Condition::status).orElse(""),
        traffic(isvc, PREV, TrafficTarget::percent),
        traffic(isvc, LATEST, TrafficTarget::percent),
        traffic(isvc, PREV, TrafficTarget::revisionName),
        traffic(isvc, LATEST, TrafficTarget::revisionName),
        age(isvc.getMetadata().getCreationTimestamp(), now));
  }

  /**
   * One line for an applied resource ({@code up} and {@code apply}): a service's or graph's READY
   * and URL, and why when not ready; a runtime's kind.
   */
  static String summary(HasMetadata resource) {
    if (resource instanceof InferenceService isvc) {
      return summary(isvc);
    }
    if (resource instanceof InferenceGraph g && g.getStatus() != null) {
      return line("inferencegraph", g, g.getStatus().condition("Ready"), g.getStatus().getUrl());
    }
    if (resource instanceof LLMInferenceService llm && llm.getStatus() != null) {
      return line(
          "llminferenceservice", llm, llm.getStatus().condition("Ready"), llm.getStatus().getUrl());
    }
    return resource.getKind().toLowerCase(java.util.Locale.ROOT)
        + "/"
        + resource.getMetadata().getName()
        + ": configured";
  }

  static String summary(InferenceService isvc) {
    return line(
        "inferenceservice",
        isvc,
        ready(isvc),
        Optional.ofNullable(isvc.getStatus()).map(InferenceServiceStatus::getUrl).orElse(null));
  }

  private static String line(
      String kind, HasMetadata resource, Optional<Condition> ready, String url) {
    String line =
        kind
            + "/"
            + resource.getMetadata().getName()
            + ": READY "
            + ready.map(Condition::status).orElse("Unknown")
            + ", URL "
            + Optional.ofNullable(url).orElse("<none>");
    return ready
        .filter(c -> !"True".equals(c.status()))
        .map(c -> line + " (" + c.reason() + ": " + c.message() + ")")
        .orElse(line);
  }

  private static Optional<Condition> ready(InferenceService isvc) {
    return Optional.ofNullable(isvc.getStatus()).flatMap(s -> s.condition("Ready"));
  }

  /** KServe's {@code traffic[?(@.tag=='prev')]}. */
  private static final Predicate<TrafficTarget> PREV = t -> "prev".equals(t.tag());

  /** KServe's {@code traffic[?(@.latestRevision==true)]}. */
  private static final Predicate<TrafficTarget> LATEST =
      t -> Boolean.TRUE.equals(t.latestRevision());

  /**
   * A field of the first predictor traffic target matching {@code wanted} (the first JSONPath
   * result, as the API server's table converter prints it), or empty.
   */
  private static String traffic(
      InferenceService isvc, Predicate<TrafficTarget> wanted, Function<TrafficTarget, ?> field) {
    return Optional.ofNullable(isvc.getStatus())
        .map(InferenceServiceStatus::getComponents)
        .map(c -> c.get("predictor"))
        .map(ComponentStatusSpec::traffic)
        .flatMap(traffic -> traffic.stream().filter(wanted).findFirst())
        .map(field)
        .map(String::valueOf)
        .orElse("");
  }

  /** Age in kubectl's short form: 45s, 5m12s, 17m, 3h20m, 30h, 2d5h, 12d. */
  static String age(String creationTimestamp, Instant now) {
    if (creationTimestamp == null) {
      return "<unknown>";
    }
    Duration d = Duration.between(Instant.parse(creationTimestamp), now);
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
    }
    if (h < 48) {
      return h + "h";
    }
    long days = h / 24;
    return days < 8 && h % 24 != 0 ? days + "d" + (h % 24) + "h" : days + "d";
  }
}
