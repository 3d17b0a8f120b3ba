package dev.kserve4j.server.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

  @Test
  void learnsBeforeRunningAnythingInline() {
    DispatchPolicy p = new DispatchPolicy();
    for (int i = 0; i < DispatchPolicy.LEARNING_CALLS - 1; i++) {
      p.record(1, 5_000);
      assertThat(p.inline(1)).isFalse();
    }
    p.record(1, 5_000);
    assertThat(p.inline(1)).isTrue();
  }

  @Test
  void fastModelRunsSmallRequestsInlineButLargeOnesOnThePool() {
    DispatchPolicy p = new DispatchPolicy();
    for (int i = 0; i < 100; i++) {
      p.record(1, 8_000); // 8 us per row
    }
    assertThat(p.inline(1)).isTrue();
    assertThat(p.inline(4)).isTrue();
    assertThat(p.inline(10)).isFalse(); // ~80 us expected
  }

  @Test
  void modelWithLargeFixedCostNeverRunsInline() {
    DispatchPolicy p = new DispatchPolicy();
    for (int i = 0; i < 100; i++) {
      p.record(1, 170_000); // native call overhead
      p.record(64, 180_000);
    }
    assertThat(p.inline(1)).isFalse();
  }

  @Test
  void aModelThatBecomesSlowMovesBackToThePool() {
    DispatchPolicy p = new DispatchPolicy();
    for (int i = 0; i < 100; i++) {
      p.record(1, 5_000);
    }
    assertThat(p.inline(1)).isTrue();
    for (int i = 0; i < 100; i++) {
      p.record(1, 400_000);
    }
    assertThat(p.inline(1)).isFalse();
  }
}
