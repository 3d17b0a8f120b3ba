package dev.kserve4j.modelmesh;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a model is served, by ModelMesh's rules: an instance that holds a copy if there is one;
 * else the best instance to load it, in ModelMesh's placement order (not leaving the mesh, then
 * with room for the model, then the most free memory, then the fewest models, then the oldest least
 * recently used model); a second copy once the model's request rate passes a threshold.
 */
public final class Placement {
  private Placement() {}

  /** Live instances holding a copy of {@code model} (none leaving the mesh). */
  public static List<InstanceRecord> holders(ModelRecord model, List<InstanceRecord> instances) {
    return instances.stream()
        .filter(i -> !i.shutdown() && model.copies().containsKey(i.id()))
        .toList();
  }

  /**
   * The instance that should load {@code model} of about {@code bytes}, skipping those where it
   * failed; empty when no live instance is left.
   */
  public static Optional<InstanceRecord> loadTarget(
      ModelRecord model, long bytes, List<InstanceRecord> instances) {
    return instances.stream()
        .filter(i -> !i.shutdown())
        .filter(i -> !model.failedIn().containsKey(i.id()))
        .filter(i -> !model.copies().containsKey(i.id()))
        .min(
            Comparator.comparing((InstanceRecord i) -> i.freeBytes() < bytes) // room first
                .thenComparing(Comparator.comparingLong(InstanceRecord::freeBytes).reversed())
                .thenComparingInt(InstanceRecord::models)
                .thenComparingLong(InstanceRecord::lruTime));
  }

  /**
   * Whether a model with {@code copies} copies, used {@code requestsPerMinute} times a minute,
   * should get another copy: ModelMesh adds one per {@code thresholdRpm} requests a minute per copy
   * (2000 by default), up to a third of the {@code instances} but always allowing a second copy
   * where there are two instances.
   */
  public static boolean wantsAnotherCopy(
      int copies, double requestsPerMinute, double thresholdRpm, int instances) {
    int most = Math.min(instances, Math.max(2, instances / 3));
    return copies >= 1 && copies < most && requestsPerMinute / copies > thresholdRpm;
  }
}
