package dev.kserve4j.modelmesh;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The registry of a mesh inside one process, with leases on an injected clock: a member whose lease
 * expired is dropped, with its copies, the next time the registry is read or changed.
 */
public final class InMemoryRegistry implements ModelRegistry {
  private final InstantSource clock;
  private final Map<String, ModelRecord> models = new LinkedHashMap<>();
  private final Map<String, Member> members = new LinkedHashMap<>();

  private record Member(InstanceRecord record, Duration ttl, Instant expires) {}

  public InMemoryRegistry(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Optional<ModelRecord> model(String id) {
    expire();
    return Optional.ofNullable(models.get(id));
  }

  @Override
  public synchronized boolean register(ModelRecord record) {
    expire();
    return models.putIfAbsent(record.id(), record) == null;
  }

  @Override
  public synchronized Optional<ModelRecord> update(String id, UnaryOperator<ModelRecord> change) {
    expire();
    ModelRecord now = models.get(id);
    if (now == null) {
      return Optional.empty();
    }
    ModelRecord next = requireNonNull(change.apply(now), "changed record");
    models.put(id, next);
    return Optional.of(next);
  }

  @Override
  public synchronized boolean deregister(String id) {
    expire();
    return models.remove(id) != null;
  }

  @Override
  public synchronized List<ModelRecord> models() {
    expire();
    return List.copyOf(models.values());
  }

  @Override
  public synchronized void publish(InstanceRecord instance, Duration ttl) {
    expire();
    members.put(instance.id(), new Member(instance, ttl, clock.instant().plus(ttl)));
  }

  @Override
  public synchronized boolean renew(String instanceId) {
    expire();
    Member m = members.get(instanceId);
    if (m == null) {
      return false;
    }
    members.put(instanceId, new Member(m.record(), m.ttl(), clock.instant().plus(m.ttl())));
    return true;
  }

  @Override
  public synchronized void leave(String instanceId) {
    members.remove(instanceId);
    dropCopies(List.of(instanceId));
  }

  @Override
  public synchronized List<InstanceRecord> instances() {
    expire();
    return members.values().stream().map(Member::record).toList();
  }

  /** Drops members whose lease expired, and their copies. */
  private void expire() {
    Instant now = clock.instant();
    List<String> gone = new ArrayList<>();
    members
        .entrySet()
        .removeIf(
            e -> {
              boolean expired = !e.getValue().expires().isAfter(now);
              if (expired) {
                gone.add(e.getKey());
              }
              return expired;
            });
    if (!gone.isEmpty()) {
      dropCopies(gone);
    }
  }

  private void dropCopies(List<String> instances) {
    models.replaceAll(
        (id, r) -> {
          ModelRecord next = r;
          for (String i : instances) {
            if (next.copies().containsKey(i)) {
              next = next.withoutCopy(i);
            }
          }
          return next;
        });
  }
}
