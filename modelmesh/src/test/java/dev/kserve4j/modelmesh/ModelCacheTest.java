package dev.kserve4j.modelmesh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelCacheTest {
  @Test
  void admitsWhileThereIsRoomAndEvictsTheLeastRecentlyUsedByWeight() {
    ModelCache<String> cache = new ModelCache<>(100);
    assertThat(cache.admit("a", 40))
        .isEqualTo(new ModelCache.Admitted<String>(java.util.List.of()));
    cache.admit("b", 30);
    cache.admit("c", 20);
    assertThat(cache.usedBytes()).isEqualTo(90);
    cache.acquire("a"); // a hit: a is now the most recently used
    cache.release("a");
    // 50 bytes needed, 10 free: b (30) then c (20) go, not a
    assertThat(cache.admit("d", 50))
        .isEqualTo(new ModelCache.Admitted<>(java.util.List.of("b", "c")));
    assertThat(cache.keys()).containsExactly("a", "d");
    assertThat(cache.usedBytes()).isEqualTo(90);
  }

  @Test
  void aModelInUseIsNeverEvicted() {
    ModelCache<String> cache = new ModelCache<>(100);
    cache.admit("old", 60);
    cache.admit("new", 30);
    assertThat(cache.acquire("old")).isTrue(); // a request runs on the oldest
    assertThat(cache.admit("big", 40))
        .isEqualTo(new ModelCache.Admitted<>(java.util.List.of("new")));
    assertThat(cache.contains("old")).isTrue();
  }

  @Test
  void refusesWhatCannotFitNamingTheSizesAndEvictsNothing() {
    ModelCache<String> cache = new ModelCache<>(100);
    assertThat(cache.admit("huge", 101))
        .isEqualTo(
            new ModelCache.Refused<String>(
                "model 'huge' takes 101 bytes, more than the whole memory budget of 100 bytes"));
    cache.admit("busy", 80);
    cache.acquire("busy");
    ModelCache.Admission<String> refused = cache.admit("more", 30);
    assertThat(refused).isInstanceOf(ModelCache.Refused.class);
    assertThat(((ModelCache.Refused<String>) refused).reason())
        .contains("20 of the 100-byte budget are free and the models in use hold the rest");
    assertThat(cache.keys()).containsExactly("busy");
    cache.release("busy");
    assertThat(cache.admit("more", 30))
        .isEqualTo(new ModelCache.Admitted<>(java.util.List.of("busy")));
  }

  @Test
  void aMissIsReportedAndRemovalFreesTheBytes() {
    ModelCache<String> cache = new ModelCache<>(100);
    assertThat(cache.acquire("absent")).isFalse();
    cache.admit("a", 70);
    assertThat(cache.admit("a", 70))
        .isEqualTo(new ModelCache.Admitted<String>(java.util.List.of()));
    assertThat(cache.usedBytes()).isEqualTo(70);
    assertThat(cache.remove("a")).isTrue();
    assertThat(cache.usedBytes()).isZero();
    assertThat(cache.bytes("a")).isEmpty();
  }
}
