package dev.kserve4j.modelmesh;

import static java.util.Objects.requireNonNull;

/**
 * A member of the mesh, as it publishes itself.
 *
 * @param id the instance's id
 * @param capacityBytes its memory budget for models
 * @param usedBytes what its loaded models take
 * @param models how many models it holds
 * @param lruTime when its least recently used model was last used (epoch ms; 0 when empty)
 * @param shutdown whether it is leaving the mesh
 */
public record InstanceRecord(
    String id, long capacityBytes, long usedBytes, int models, long lruTime, boolean shutdown) {

  public InstanceRecord {
    requireNonNull(id, "id");
  }

  public long freeBytes() {
    return Math.max(0, capacityBytes - usedBytes);
  }
}
