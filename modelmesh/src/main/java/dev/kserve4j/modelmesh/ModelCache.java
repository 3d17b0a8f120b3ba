package dev.kserve4j.modelmesh;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance's loaded models under a memory budget, least recently used first out, weighted by
 * each model's measured size (ModelMesh's per-instance cache).
 *
 * <p>A model in use (requests running on it) is never chosen for eviction: its slot is kept until
 * the last of them releases it, so evicting never fails a request already running. Admitting a
 * model that does not fit evicts the least recently used idle models until it does; if even that is
 * not enough (the budget is held by models in use, or the model is larger than the whole budget) it
 * is refused and nothing is evicted.
 *
 * <p>Not thread-safe; callers hold their own lock.
 *
 * @param <K> the model key
 */
public final class ModelCache<K> {
  private final long budgetBytes;
  private final LinkedHashMap<K, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;

  private static final class Entry {
    final long bytes;
    int inUse;

    Entry(long bytes) {
      this.bytes = bytes;
    }
  }

  /** What {@link #admit} decided. */
  public sealed interface Admission<K> {}

  /**
   * The model was admitted.
   *
   * @param evicted the models evicted to make room, least recently used first
   */
  public record Admitted<K>(List<K> evicted) implements Admission<K> {}

  /**
   * The model was refused: {@code reason} names the sizes.
   *
   * @param reason why, for the caller's message
   */
  public record Refused<K>(String reason) implements Admission<K> {}

  /**
   * @param budgetBytes the most the models may take together
   */
  public ModelCache(long budgetBytes) {
    if (budgetBytes <= 0) {
      throw new IllegalArgumentException("budget " + budgetBytes + " bytes (expected > 0)");
    }
    this.budgetBytes = budgetBytes;
  }

  public long budgetBytes() {
    return budgetBytes;
  }

  public long usedBytes() {
    return usedBytes;
  }

  public int size() {
    return entries.size();
  }

  public boolean contains(K key) {
    return entries.containsKey(key);
  }

  /** The measured size of a cached model. */
  public Optional<Long> bytes(K key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.bytes);
  }

  /**
   * Admits a model of {@code bytes} (measured when it loaded), evicting least recently used idle
   * models as needed; a model already cached is only marked used.
   */
  public Admission<K> admit(K key, long bytes) {
    requireNonNull(key, "key");
    if (bytes < 0) {
      throw new IllegalArgumentException("model size " + bytes + " bytes (expected >= 0)");
    }
    if (entries.containsKey(key)) {
      entries.get(key); // access order: now the most recently used
      return new Admitted<>(List.of());
    }
    if (bytes > budgetBytes) {
      return new Refused<>(
          "model '"
              + key
              + "' takes "
              + bytes
              + " bytes, more than the whole memory budget of "
              + budgetBytes
              + " bytes");
    }
    long free = budgetBytes - usedBytes;
    long idle = 0;
    for (Entry e : entries.values()) {
      if (e.inUse == 0) {
        idle += e.bytes;
      }
    }
    if (free + idle < bytes) {
      return new Refused<>(
          "model '"
              + key
              + "' takes "
              + bytes
              + " bytes; "
              + free
              + " of the "
              + budgetBytes
              + "-byte budget are free and the models in use hold the rest");
    }
    List<K> evicted = new ArrayList<>();
    Iterator<Map.Entry<K, Entry>> lru = entries.entrySet().iterator();
    while (budgetBytes - usedBytes < bytes && lru.hasNext()) {
      Map.Entry<K, Entry> oldest = lru.next();
      if (oldest.getValue().inUse == 0) {
        usedBytes -= oldest.getValue().bytes;
        evicted.add(oldest.getKey());
        lru.remove();
      }
    }
    entries.put(key, new Entry(bytes));
    usedBytes += bytes;
    return new Admitted<>(List.copyOf(evicted));
  }

  /**
   * Marks a request running on {@code key} (a hit): it becomes the most recently used and is not
   * evicted until {@link #release}; false when the model is not cached (a miss).
   */
  public boolean acquire(K key) {
    Entry e = entries.get(key);
    if (e == null) {
      return false;
    }
    e.inUse++;
    return true;
  }

  /** A request that {@link #acquire}d {@code key} finished. */
  public void release(K key) {
    Entry e = entries.get(key);
    if (e != null && e.inUse > 0) {
      e.inUse--;
    }
  }

  /** Removes a model (unloaded on purpose); its bytes are free again. */
  public boolean remove(K key) {
    Entry e = entries.remove(key);
    if (e == null) {
      return false;
    }
    usedBytes -= e.bytes;
    return true;
  }

  /** The cached models, least recently used first. */
  public List<K> keys() {
    return List.copyOf(entries.keySet());
  }
}
