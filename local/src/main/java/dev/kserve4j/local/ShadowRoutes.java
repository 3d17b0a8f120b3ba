package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.shadow.ShadowMirror;
import dev.kserve4j.server.shadow.ShadowSettings;
import dev.kserve4j.server.shadow.ShadowTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shadow traffic of the embedded host ({@code serving.kserve4j.dev/shadow-percent}): per
 * InferenceService, one {@link ShadowMirror} per stable repository model, candidate and protocol
 * (V1 {@code :predict}, V2 REST {@code infer}), each calling the candidate in-process through
 * {@link JsonInference}. The server offers every answer a stable revision gave to its mirrors
 * ({@code ServiceDirectory.mirrors}); a request the split sent to the candidate is not mirrored.
 * Mirrored calls are counted in the request metrics under the candidate's repository name, so the
 * InferenceService's own counts stay those of its clients.
 *
 * <p>Written by the control plane, read on every request: concurrent maps.
 */
final class ShadowRoutes {
  private static final List<String> PROTOCOLS = List.of("v1", "v2");

  private final JsonInference inference;
  private final MeterRegistry registry;

  /** Per InferenceService, its mirrors (to close when replaced). */
  private final Map<String, List<ShadowMirror<JsonInference.Request, JsonReply>>> byService =
      new ConcurrentHashMap<>();

  /** Per stable repository model and protocol, the mirrors its answers are offered to. */
  private final Map<String, List<ShadowMirror<JsonInference.Request, JsonReply>>> byServed =
      new ConcurrentHashMap<>();

  private final Map<String, List<String>> servedByService = new ConcurrentHashMap<>();

  ShadowRoutes(JsonInference inference, MeterRegistry registry) {
    this.inference = requireNonNull(inference, "inference");
    this.registry = requireNonNull(registry, "registry");
  }

  /**
   * Mirrors {@code namespace/name}'s requests answered by each of {@code stable} to each of {@code
   * candidates} as {@code annotations} ask (nothing without {@link ShadowPolicy#PERCENT_ANNOTATION}
   * or without a candidate); replaces what was mirrored before.
   */
  void publish(
      String namespace,
      String name,
      Map<String, String> annotations,
      List<String> stable,
      List<String> candidates) {
    String key = namespace + "/" + name;
    ShadowPolicy policy = annotations == null ? null : ShadowPolicy.of(annotations).orElse(null);
    List<ShadowMirror<JsonInference.Request, JsonReply>> made = new ArrayList<>();
    List<String> served = new ArrayList<>();
    if (policy != null && !policy.off()) {
      ShadowSettings settings =
          new ShadowSettings(
              policy.percentValue(), policy.tolerance(), ShadowSettings.DEFAULT_MAX_IN_FLIGHT);
      for (String s : stable) {
        for (String protocol : PROTOCOLS) {
          List<ShadowMirror<JsonInference.Request, JsonReply>> mirrors = new ArrayList<>();
          for (String candidate : candidates) {
            if (!candidate.equals(s)) {
              mirrors.add(
                  ShadowMirror.json(
                      new ShadowTarget(namespace, name, s, candidate),
                      settings,
                      r -> call(protocol, candidate, r),
                      registry));
            }
          }
          if (!mirrors.isEmpty()) {
            byServed.put(s + " " + protocol, List.copyOf(mirrors));
            served.add(s + " " + protocol);
            made.addAll(mirrors);
          }
        }
      }
    }
    List<String> oldServed = served.isEmpty() ? servedByService.remove(key) : null;
    if (!served.isEmpty()) {
      oldServed = servedByService.put(key, List.copyOf(served));
    }
    if (oldServed != null) {
      oldServed.stream().filter(s -> !served.contains(s)).forEach(byServed::remove);
    }
    List<ShadowMirror<JsonInference.Request, JsonReply>> old =
        made.isEmpty() ? byService.remove(key) : byService.put(key, List.copyOf(made));
    if (old != null) {
      old.forEach(ShadowMirror::close);
    }
  }

  /** Stops mirroring {@code namespace/name}'s requests. */
  void withdraw(String namespace, String name) {
    publish(namespace, name, null, List.of(), List.of());
  }

  /** The mirrors of answers {@code servedModel} gave over {@code protocol}. */
  List<ShadowMirror<JsonInference.Request, JsonReply>> mirrors(
      String servedModel, String protocol) {
    List<ShadowMirror<JsonInference.Request, JsonReply>> out =
        byServed.get(servedModel + " " + protocol);
    return out == null ? List.of() : out;
  }

  private CompletableFuture<JsonReply> call(
      String protocol, String candidate, JsonInference.Request r) {
    CompletableFuture<JsonInference.Request> request = CompletableFuture.completedFuture(r);
    return "v1".equals(protocol)
        ? inference.v1Predict(candidate, candidate, request)
        : inference.v2Infer(candidate, candidate, null, request);
  }
}
