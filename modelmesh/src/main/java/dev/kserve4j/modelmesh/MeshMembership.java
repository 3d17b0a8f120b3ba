package dev.kserve4j.modelmesh;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance a member of its mesh: publishes its record (memory budget and use, models,
 * leaving or not) on a lease and renews the lease; when a renewal finds the lease gone (the
 * registry was unreachable longer than the lease, so the mesh dropped the member and its copies),
 * it publishes again. ModelMesh's instance records live on a 20 s lease and are republished every
 * 40 s and on change; the caller schedules {@link #tick()} (e.g. every third of the lease).
 */
public final class MeshMembership {
  private static final Logger log = LoggerFactory.getLogger(MeshMembership.class);

  /** ModelMesh's lease on an instance record. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(20);

  private final ModelRegistry registry;
  private final Supplier<InstanceRecord> self;
  private final Duration lease;
  private InstanceRecord published;

  /**
   * @param self the instance's record as it is now (called on every tick)
   */
  public MeshMembership(ModelRegistry registry, Supplier<InstanceRecord> self, Duration lease) {
    this.registry = requireNonNull(registry, "registry");
    this.self = requireNonNull(self, "self");
    this.lease = requireNonNull(lease, "lease");
  }

  /**
   * Renews the lease, and publishes the record when it changed or the lease was lost; false when
   * the lease had been lost (the mesh forgot this member's copies meanwhile).
   */
  public synchronized boolean tick() {
    InstanceRecord now = self.get();
    if (published == null) {
      registry.publish(now, lease);
      published = now;
      return true;
    }
    boolean kept = registry.renew(now.id());
    if (!kept) {
      log.warn(
          "instance {}: its lease on the mesh registry had expired; publishing it again", now.id());
    }
    if (!kept || !now.equals(published)) {
      registry.publish(now, lease);
      published = now;
    }
    return kept;
  }

  /** Leaves the mesh at once (shutdown): the member and its copies go from the registry. */
  public synchronized void leave() {
    if (published != null) {
      registry.leave(published.id());
      published = null;
    }
  }
}
