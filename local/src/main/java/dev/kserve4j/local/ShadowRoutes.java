package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.shadow.ShadowMirror;
import dev.kserve4j.server.shadow.ShadowSettings;
import dev.kserve4j.server.shadow.ShadowTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shadow traffic of the embedded host ({@code serving.kserve4j.dev/shadow-percent}): per
 * InferenceService, one {@link ShadowMirror} per stable repository model, candidate and protocol
 * (V1 {@code :predict} and V2 REST {@code infer} as JSON, calling the candidate in-process through
 * {@link JsonInference}; gRPC {@code ModelInfer} as tensors, calling it through {@link
 * JsonInference#tensorInfer}). The server offers every answer a stable revision gave to its mirrors
 * ({@code ServiceDirectory.mirrors} and {@code tensorMirrors}); a request the split sent to the
 * candidate is not mirrored. Mirrored calls are counted in the request metrics under the
 * candidate's repository name, so the InferenceService's own counts stay those of its clients.
 *
 * <p>Written by the control plane, read on every request: concurrent maps.
 */
final class ShadowRoutes {
  private static final List<String> JSON_PROTOCOLS = List.of("v1", "v2");
  private static final String GRPC = "grpc";

  private final JsonInference inference;
  private final MeterRegistry registry;

  /** Per InferenceService, its mirrors (to close when replaced). */
  private final Map<String, List<ShadowMirror<?, ?>>> byService = new ConcurrentHashMap<>();

  /** Per stable repository model and JSON protocol, the mirrors its answers are offered to. */
  private final Map<String, List<ShadowMirror<JsonInference.Request, JsonReply>>> byServed =
      new ConcurrentHashMap<>();

  /** Per stable repository model, the mirrors its gRPC answers are offered to. */
  private final Map<String, List<ShadowMirror<InferRequest, InferResponse>>> tensorsByServed =
      new ConcurrentHashMap<>();

  /** Per InferenceService, the keys of {@code byServed} and {@code tensorsByServed} it filled. */
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
    Map<String, List<ShadowMirror<JsonInference.Request, JsonReply>>> json = new HashMap<>();
    Map<String, List<ShadowMirror<InferRequest, InferResponse>>> tensors = new HashMap<>();
    List<ShadowMirror<?, ?>> made = new ArrayList<>();
    if (policy != null && !policy.off()) {
      ShadowSettings settings =
          new ShadowSettings(
              policy.percentValue(), policy.tolerance(), ShadowSettings.DEFAULT_MAX_IN_FLIGHT);
      for (String s : stable) {
        for (String candidate : candidates) {
          if (candidate.equals(s)) {
            continue;
          }
          ShadowTarget target = new ShadowTarget(namespace, name, s, candidate);
          for (String protocol : JSON_PROTOCOLS) {
            ShadowMirror<JsonInference.Request, JsonReply> m =
                ShadowMirror.json(target, settings, r -> call(protocol, candidate, r), registry);
            json.computeIfAbsent(s + " " + protocol, k -> new ArrayList<>()).add(m);
            made.add(m);
          }
          ShadowMirror<InferRequest, InferResponse> m =
              ShadowMirror.tensors(
                  target,
                  settings,
                  r -> inference.tensorInfer(r.withTarget(candidate, null)),
                  registry);
          tensors.computeIfAbsent(s + " " + GRPC, k -> new ArrayList<>()).add(m);
          made.add(m);
        }
      }
    }
    json.forEach((k, v) -> byServed.put(k, List.copyOf(v)));
    tensors.forEach((k, v) -> tensorsByServed.put(k, List.copyOf(v)));
    List<String> served = new ArrayList<>(json.keySet());
    served.addAll(tensors.keySet());
    List<String> oldServed =
        served.isEmpty()
            ? servedByService.remove(key)
            : servedByService.put(key, List.copyOf(served));
    if (oldServed != null) {
      oldServed.stream()
          .filter(s -> !served.contains(s))
          .forEach(
              s -> {
                byServed.remove(s);
                tensorsByServed.remove(s);
              });
    }
    List<ShadowMirror<?, ?>> old =
        made.isEmpty() ? byService.remove(key) : byService.put(key, List.copyOf(made));
    if (old != null) {
      old.forEach(ShadowMirror::close);
    }
  }

  /** Stops mirroring {@code namespace/name}'s requests. */
  void withdraw(String namespace, String name) {
    publish(namespace, name, null, List.of(), List.of());
  }

  /**
   * The mirrors of answers {@code servedModel} gave over {@code protocol} ({@code v1}, {@code v2}).
   */
  List<ShadowMirror<JsonInference.Request, JsonReply>> mirrors(
      String servedModel, String protocol) {
    List<ShadowMirror<JsonInference.Request, JsonReply>> out =
        byServed.get(servedModel + " " + protocol);
    return out == null ? List.of() : out;
  }

  /** The mirrors of answers {@code servedModel} gave to gRPC {@code ModelInfer} requests. */
  List<ShadowMirror<InferRequest, InferResponse>> tensorMirrors(String servedModel) {
    List<ShadowMirror<InferRequest, InferResponse>> out =
        tensorsByServed.get(servedModel + " " + GRPC);
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
