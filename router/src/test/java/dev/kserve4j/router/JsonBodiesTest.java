package dev.kserve4j.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The router's JSON checks on bodies as they arrive: bytes. */
class JsonBodiesTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aKeyWithAnEscapedSurrogatePairIsJson() {
    // jackson-core before 2.21.2 refused this from bytes ("Illegal surrogate character").
    byte[] body = bytes("{\"\\ud83d\\ude00\":1,\"dog\":true}");
    assertThat(JsonBodies.valid(body)).isTrue();
    assertThat(JsonBodies.parse(body)).hasValueSatisfying(t -> assertThat(t.size()).isEqualTo(2));
  }

  @Test
  void oneValueExactly() {
    assertThat(JsonBodies.valid(bytes("{} {}"))).isFalse();
    assertThat(JsonBodies.valid(bytes(""))).isFalse();
    assertThat(JsonBodies.valid(bytes("[1,"))).isFalse();
    assertThat(JsonBodies.valid(bytes(" 3 "))).isTrue();
    assertThat(JsonBodies.parse(bytes("{} {}"))).isEmpty();
  }
}
