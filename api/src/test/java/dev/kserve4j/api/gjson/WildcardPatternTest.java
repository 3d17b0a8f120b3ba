package dev.kserve4j.api.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code tidwall/match} pattern syntax of keys and {@code %} queries. */
class WildcardPatternTest {
  @ParameterizedTest(name = "\"{0}\" % \"{1}\" = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Dale|D*|true",
        "Roger|D*|false",
        "Sara|S?ra|true",
        "Sra|S?ra|false",
        "''|*|true",
        "''|''|true",
        "a|''|false",
        "''|?|false",
        "abc|*b*|true",
        "abc|a**c|true",
        "the-red-server-1|*red-server*|true",
        "a*b|a\\*b|true",
        "ab|a\\*b|false",
        "?|\\?|true",
        "x|\\?|false",
        "\u00e9|?|true",
        "\ud83d\ude00|?|true",
        "\ud83d\ude00x|?x|true",
        "a\\|*\\|true",
        "\\|*\\|true",
        "a\\|?\\|false",
        "\\|\\|false",
        "aXbXc|a*b*c|true",
        "aXbX|a*b*c|false",
        "mississippi|m*iss*ppi|true",
        "mississippi|m*iss*ppx|false"
      })
  void matchesAsGjsonDoes(String text, String pattern, boolean expected) {
    assertThat(WildcardPattern.compile(pattern).matches(text)).isEqualTo(expected);
  }

  /** No backtracking blow-up: many stars against a long text that does not match. */
  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void manyStarsStayCheap() {
    String text = "a".repeat(20_000);
    String pattern = "*a".repeat(50) + "*b";
    assertThat(WildcardPattern.compile(pattern).matches(text)).isFalse();
    assertThat(WildcardPattern.compile(pattern).toString()).isEqualTo(pattern);
  }
}
