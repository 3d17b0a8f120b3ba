package dev.kserve4j.modelmesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MeshMembershipTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryRegistry registry = new InMemoryRegistry(() -> now);
  private final AtomicReference<InstanceRecord> self =
      new AtomicReference<>(new InstanceRecord("i1", 1000, 0, 0, 0, false));
  private final MeshMembership membership =
      new MeshMembership(registry, self::get, Duration.ofSeconds(20));

  @Test
  void publishesRenewsAndRepublishesChangesAndALostLease() {
    assertThat(membership.tick()).isTrue();
    assertThat(registry.instances()).containsExactly(self.get());
    now = now.plusSeconds(15);
    assertThat(membership.tick()).isTrue(); // renewed: alive 20 s more
    now = now.plusSeconds(15);
    assertThat(registry.instances()).hasSize(1);
    self.set(new InstanceRecord("i1", 1000, 300, 2, 5, false));
    membership.tick();
    assertThat(registry.instances()).containsExactly(self.get());
    now = now.plusSeconds(60); // the registry was out of reach longer than the lease
    assertThat(registry.instances()).isEmpty();
    assertThat(membership.tick()).isFalse();
    assertThat(registry.instances()).containsExactly(self.get());
  }

  @Test
  void leavingDropsTheMemberAndItsCopies() {
    membership.tick();
    registry.register(ModelRecord.of("m", null, "p", 0).withCopy("i1", 1));
    membership.leave();
    assertThat(registry.instances()).isEmpty();
    assertThat(registry.model("m").orElseThrow().copies()).isEmpty();
  }
}
