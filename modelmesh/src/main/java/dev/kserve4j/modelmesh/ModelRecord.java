package dev.kserve4j.modelmesh;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered model, as ModelMesh's registry keeps it.
 *
 * @param id the model's id
 * @param type its format ({@code onnx}, {@code xgboost}, ...), or null to detect it from the files
 * @param path where its files come from (a storage URI)
 * @param copies the instances that hold (or are loading) a copy, with when its load began (epoch
 *     ms)
 * @param failedIn the instances where it failed to load, with when (epoch ms)
 * @param lastUsed when a request last used it (epoch ms)
 */
public record ModelRecord(
    String id,
    String type,
    String path,
    Map<String, Long> copies,
    Map<String, Long> failedIn,
    long lastUsed) {

  public ModelRecord {
    requireNonNull(id, "id");
    requireNonNull(path, "path");
    copies = Map.copyOf(copies);
    failedIn = Map.copyOf(failedIn);
  }

  /** A new record with no copies. */
  public static ModelRecord of(String id, String type, String path, long now) {
    return new ModelRecord(id, type, path, Map.of(), Map.of(), now);
  }

  /** This record with a copy on {@code instance}, loading since {@code at}. */
  public ModelRecord withCopy(String instance, long at) {
    Map<String, Long> c = new LinkedHashMap<>(copies);
    c.put(instance, at);
    Map<String, Long> f = new LinkedHashMap<>(failedIn);
    f.remove(instance);
    return new ModelRecord(id, type, path, c, f, lastUsed);
  }

  /** This record without a copy on {@code instance}. */
  public ModelRecord withoutCopy(String instance) {
    Map<String, Long> c = new LinkedHashMap<>(copies);
    c.remove(instance);
    return new ModelRecord(id, type, path, c, failedIn, lastUsed);
  }

  /** This record with its copy on {@code instance} moved to the failures, at {@code at}. */
  public ModelRecord withFailure(String instance, long at) {
    Map<String, Long> c = new LinkedHashMap<>(copies);
    c.remove(instance);
    Map<String, Long> f = new LinkedHashMap<>(failedIn);
    f.put(instance, at);
    return new ModelRecord(id, type, path, c, f, lastUsed);
  }

  /** This record used at {@code at}. */
  public ModelRecord usedAt(long at) {
    return new ModelRecord(id, type, path, copies, failedIn, Math.max(lastUsed, at));
  }
}
