package dev.kserve4j.router.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.router.StepCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which headers reach every step. */
class HeaderPropagationTest {
  private static final Map<String, List<String>> REQUEST =
      Map.of(
          "authorization", List.of("Bearer t"),
          "x-team-id", List.of("7"),
          "x-other", List.of("no"),
          "traceparent", List.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
          "x-request-id", List.of("abc"));

  @Test
  void byDefaultOnlyTheRequestIdAndTraceContextGoAlong() {
    StepCall call = HeaderPropagation.none().call(REQUEST, new byte[0]);
    assertThat(call.headers().keySet()).containsExactlyInAnyOrder("x-request-id", "traceparent");
    assertThat(call.headers().get("x-request-id")).containsExactly("abc");
  }

  @Test
  void patternsMatchAnywhereInTheCanonicalName() {
    StepCall call = HeaderPropagation.parse("Authorization, X-Team-.*").call(REQUEST, new byte[0]);
    assertThat(call.headers().keySet())
        .containsExactlyInAnyOrder("authorization", "x-team-id", "x-request-id", "traceparent");
  }

  @Test
  void aMissingRequestIdIsMade() {
    StepCall call = HeaderPropagation.none().call(Map.of(), new byte[0]);
    assertThat(call.headers().get("x-request-id").get(0)).hasSize(36);
  }

  @Test
  void canonicalIsGosForm() {
    assertThat(HeaderPropagation.canonical("x-custom-HEADER")).isEqualTo("X-Custom-Header");
  }

  @Test
  void aPatternThatIsNotARegularExpressionIsRefusedNamingIt() {
    assertThatThrownBy(() -> HeaderPropagation.parse("Good,Bad[,Also("))
        .hasMessageContaining("PROPAGATE_HEADERS has patterns that are not regular expressions")
        .hasMessageContaining("\"Bad[\"")
        .hasMessageContaining("\"Also(\"");
  }
}
