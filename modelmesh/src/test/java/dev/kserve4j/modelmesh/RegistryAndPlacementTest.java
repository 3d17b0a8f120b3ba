package dev.kserve4j.modelmesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryAndPlacementTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final InMemoryRegistry registry = new InMemoryRegistry(clock);

  private static InstanceRecord instance(String id, long free, int models, long lru) {
    return new InstanceRecord(id, 1000, 1000 - free, models, lru, false);
  }

  @Test
  void registersOnceAndUpdatesByCompareAndSwap() {
    assertThat(registry.register(ModelRecord.of("m", "onnx", "s3://b/m", 0))).isTrue();
    assertThat(registry.register(ModelRecord.of("m", "onnx", "s3://b/other", 0))).isFalse();
    assertThat(registry.update("m", r -> r.withCopy("i1", 5)).orElseThrow().copies())
        .containsEntry("i1", 5L);
    assertThat(registry.update("absent", r -> r)).isEmpty();
    assertThat(registry.deregister("m")).isTrue();
    assertThat(registry.models()).isEmpty();
  }

  @Test
  void anExpiredLeaseDropsTheMemberAndItsCopies() {
    registry.publish(instance("i1", 500, 1, 0), Duration.ofSeconds(20));
    registry.publish(instance("i2", 500, 1, 0), Duration.ofSeconds(20));
    registry.register(
        ModelRecord.of("m", null, "file:///m", 0).withCopy("i1", 1).withCopy("i2", 1));
    now = now.plusSeconds(15);
    assertThat(registry.renew("i2")).isTrue();
    now = now.plusSeconds(10); // i1's lease (20 s) ran out; i2 renewed at 15 s
    assertThat(registry.instances()).extracting(InstanceRecord::id).containsExactly("i2");
    assertThat(registry.model("m").orElseThrow().copies()).containsOnlyKeys("i2");
    assertThat(registry.renew("i1")).isFalse();
    registry.leave("i2");
    assertThat(registry.model("m").orElseThrow().copies()).isEmpty();
  }

  @Test
  void placementPrefersHoldersThenRoomThenFreeMemoryThenFewerModels() {
    ModelRecord held = ModelRecord.of("m", null, "p", 0).withCopy("b", 1);
    List<InstanceRecord> all =
        List.of(instance("a", 900, 1, 0), instance("b", 100, 5, 0), instance("c", 900, 0, 0));
    assertThat(Placement.holders(held, all)).extracting(InstanceRecord::id).containsExactly("b");
    ModelRecord fresh = ModelRecord.of("n", null, "p", 0);
    // a and c have as much room; c holds fewer models
    assertThat(Placement.loadTarget(fresh, 200, all).orElseThrow().id()).isEqualTo("c");
    // where it failed before is skipped
    assertThat(Placement.loadTarget(fresh.withFailure("c", 1), 200, all).orElseThrow().id())
        .isEqualTo("a");
    // when none has room, the most free memory (evicting least)
    List<InstanceRecord> full = List.of(instance("x", 50, 3, 10), instance("y", 80, 9, 20));
    assertThat(Placement.loadTarget(fresh, 200, full).orElseThrow().id()).isEqualTo("y");
    // an instance leaving the mesh takes nothing
    InstanceRecord leaving = new InstanceRecord("z", 1000, 0, 0, 0, true);
    assertThat(Placement.loadTarget(fresh, 1, List.of(leaving))).isEmpty();
  }

  @Test
  void aSecondCopyWhenTheRatePassesTheThreshold() {
    assertThat(Placement.wantsAnotherCopy(1, 1500, 2000, 3)).isFalse();
    assertThat(Placement.wantsAnotherCopy(1, 2500, 2000, 3)).isTrue();
    assertThat(Placement.wantsAnotherCopy(2, 9000, 2000, 3)).isFalse(); // at most 2 of 3
    assertThat(Placement.wantsAnotherCopy(2, 9000, 2000, 9)).isTrue();
    assertThat(Placement.wantsAnotherCopy(1, 9000, 2000, 1)).isFalse();
  }
}
