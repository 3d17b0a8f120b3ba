package dev.kserve4j.api.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's number reading and string order, as GJSON's query comparisons depend on them. */
class GoTextTest {
  /** Each pair is what Go's strconv.ParseFloat(s, 64) returns (0 for a syntax error). */
  @ParameterizedTest(name = "ParseFloat({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5|5",
        "-1.5e3|-1500",
        ".5|0.5",
        "5.|5",
        "+.5e-1|0.05",
        "00.25|0.25",
        "4_4|44",
        "1_000|1000",
        "1e1_0|1e10",
        "0x2Cp0|44",
        "0x1p-2|0.25",
        "0x_1p0|1",
        "0x1.8p1|3",
        "1e400|Infinity",
        "inf|Infinity",
        "+Inf|Infinity",
        "-infinity|-Infinity",
        "NaN|NaN",
        "+nan|0",
        "infin|0",
        "_1|0",
        "1_|0",
        "1e_1|0",
        "0.2_5|0.25",
        "1._5|0",
        "1_.5|0",
        "0x1_p0|0",
        "0x1.8_0p1|3",
        "1__0|0",
        "1e|0",
        ".|0",
        "abc|0",
        "0b1|0",
        "0x1|0",
        "1d|0",
        "' 5'|0",
        "'5 '|0",
        "''|0"
      })
  void readsNumbersAsGoDoes(String text, double expected) {
    // Boxed, so that NaN equals NaN.
    assertThat(Double.valueOf(GoText.parseFloat(text))).isEqualTo(Double.valueOf(expected));
  }

  @Test
  void ordersStringsByCodePoint() {
    // U+1F600 is above U+E000 in code point (and UTF-8) order, below it in UTF-16 units.
    assertThat(GoText.compare("\ud83d\ude00", "\ue000")).isPositive();
    assertThat(GoText.compare("\ue000", "\ud83d\ude00")).isNegative();
    assertThat(GoText.compare("a", "b")).isNegative();
    assertThat(GoText.compare("ab", "a")).isPositive();
    assertThat(GoText.compare("\u00e9", "\u00e9")).isZero();
  }
}
