package dev.kserve4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowPolicyTest {
  @Test
  void absentWithoutThePercentAnnotation() {
    assertThat(ShadowPolicy.of(Map.of())).isEmpty();
    assertThat(ShadowPolicy.of(null)).isEmpty();
    assertThat(ShadowPolicy.of(Map.of(ShadowPolicy.TOLERANCE_ANNOTATION, "0.1"))).isEmpty();
  }

  @Test
  void readsThePercentAndTheToleranceWithItsDefault() {
    ShadowPolicy p = ShadowPolicy.of(Map.of(ShadowPolicy.PERCENT_ANNOTATION, "25")).orElseThrow();
    assertThat(p.percentValue()).isEqualTo(25.0);
    assertThat(p.tolerance()).isEqualTo(1e-6);
    assertThat(p.wholePercent()).isTrue();
    assertThat(p.off()).isFalse();

    ShadowPolicy q =
        ShadowPolicy.of(
                Map.of(
                    ShadowPolicy.PERCENT_ANNOTATION, " 0.5 ",
                    ShadowPolicy.TOLERANCE_ANNOTATION, "1e-3"))
            .orElseThrow();
    assertThat(q.percent()).isEqualByComparingTo("0.5");
    assertThat(q.tolerance()).isEqualTo(1e-3);
    assertThat(q.wholePercent()).isFalse();
    assertThat(q.fraction()).containsExactly(5, 1000);
    assertThat(ShadowPolicy.of(Map.of(ShadowPolicy.PERCENT_ANNOTATION, "0")).orElseThrow().off())
        .isTrue();
    assertThat(new ShadowPolicy(new BigDecimal("12.50"), 0).fraction()).containsExactly(125, 1000);
    assertThat(new ShadowPolicy(new BigDecimal("100.0"), 0).wholePercent()).isTrue();
  }

  @Test
  void aBadValueIsRefusedNamingTheAnnotationTheValueAndWhatIsExpected() {
    assertThatThrownBy(
            () ->
                ShadowPolicy.of(
                    Map.of(
                        ShadowPolicy.PERCENT_ANNOTATION,
                        "150",
                        ShadowPolicy.TOLERANCE_ANNOTATION,
                        "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serving.kserve4j.dev/shadow-percent is \"150\" (expected a number")
        .hasMessageContaining(
            "; annotation serving.kserve4j.dev/shadow-tolerance is \"x\" (expected a finite");
    assertThatThrownBy(() -> new ShadowPolicy(new BigDecimal("-1"), 0))
        .hasMessage("percent -1 (expected 0 to 100)");
    assertThatThrownBy(() -> new ShadowPolicy(BigDecimal.ONE, Double.POSITIVE_INFINITY))
        .hasMessage("tolerance Infinity (expected a finite number of at least 0)");
  }
}
