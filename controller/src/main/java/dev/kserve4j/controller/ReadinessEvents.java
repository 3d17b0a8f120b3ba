package dev.kserve4j.controller;

import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.knative.KnativeStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a Kubernetes Event on a resource when its {@code Ready} condition changes status or
 * reason, so that {@code kubectl describe} and {@code kubectl get events} show why an
 * InferenceService stopped serving: Warning with the condition's reason and message when it turns
 * not ready, Normal {@code Ready} when it turns ready. An Event that cannot be written is logged
 * and never fails the reconcile.
 */
final class ReadinessEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ReadinessEvents.class);
  static final String COMPONENT = "kserve4j-controller";

  private final KubernetesClient client;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  ReadinessEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Records the change of {@code resource}'s Ready condition from {@code before} to {@code after},
   * if any.
   */
  void recordChange(HasMetadata resource, KnativeStatus before, KnativeStatus after) {
    Optional<Condition> was =
        before == null ? Optional.empty() : before.condition(StatusBuilder.READY);
    Optional<Condition> now =
        after == null ? Optional.empty() : after.condition(StatusBuilder.READY);
    if (now.isEmpty()
        || (was.isPresent()
            && was.get().status().equals(now.get().status())
            && Objects.equals(was.get().reason(), now.get().reason()))) {
      return;
    }
    Condition ready = now.get();
    boolean ok = "True".equals(ready.status());
    String reason = ok ? "Ready" : Objects.requireNonNullElse(ready.reason(), "NotReady");
    String message =
        ok
            ? resource.getKind() + " " + resource.getMetadata().getName() + " is ready"
            : Objects.requireNonNullElse(ready.message(), "not ready");
    String time = clock.instant().toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                resource.getMetadata().getName()
                    + "."
                    + Long.toHexString(clock.millis())
                    + sequence.incrementAndGet())
            .withNamespace(resource.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(resource.getApiVersion())
            .withKind(resource.getKind())
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .withUid(resource.getMetadata().getUid())
            .endInvolvedObject()
            .withType(ok ? "Normal" : "Warning")
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(time)
            .withLastTimestamp(time)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "{} {}/{}: event {} not recorded: {}",
          resource.getKind(),
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          reason,
          e.getMessage());
    }
  }
}
