package dev.kserve4j.api.gjson;

/** How Go reads and orders text, where GJSON's answers depend on it. */
final class GoText {
  private GoText() {}

  /**
   * Compares two strings as Go compares them: by their UTF-8 bytes, which is Unicode code point
   * order (Java's {@link String#compareTo} orders UTF-16 units, which differs for characters beyond
   * U+FFFF against U+E000..U+FFFF).
   *
   * @param a one string
   * @param b the other
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean xs = Character.isSurrogate(x);
        if (xs != Character.isSurrogate(y)) {
          return xs ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /**
   * Go's {@code strconv.ParseFloat(s, 64)} as GJSON uses it: the number, or 0 where Go reports a
   * syntax error. Accepts decimal numbers ({@code 5}, {@code -1.5e3}, {@code .5}, {@code 5.}),
   * hexadecimal ones with a binary exponent ({@code 0x1p-2}), {@code inf} / {@code infinity} with
   * an optional sign and {@code nan}, letters in any case.
   *
   * @param s the text
   * @return its value, or 0
   */
  static double parseFloat(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (i == 0 && body.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (body.indexOf('_') >= 0) {
      if (!underscoresBetweenDigits(body)) {
        return 0;
      }
      body = body.replace("_", "");
    }
    boolean hex = body.length() > 2 && body.charAt(0) == '0' && (body.charAt(1) | 0x20) == 'x';
    if (!(hex ? isHexFloat(body, 2) : isDecimal(body))) {
      return 0;
    }
    return Double.parseDouble(negative ? "-" + body : body);
  }

  /**
   * Go's rule for underscores in a number: each one between two digits, or between the {@code 0x}
   * prefix and a digit.
   */
  private static boolean underscoresBetweenDigits(String s) {
    boolean hex = s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) | 0x20) == 'x';
    char saw = hex ? '0' : '^';
    for (int i = hex ? 2 : 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c) || (hex && isHexDigit(c))) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else if (saw == '_') {
        return false;
      } else {
        saw = '!';
      }
    }
    return saw != '_';
  }

  /** digits [. digits] | . digits, then an optional exponent: at least one digit in all. */
  private static boolean isDecimal(String s) {
    int i = 0;
    int digits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < s.length() && (s.charAt(i) | 0x20) == 'e') {
      return isExponent(s, i + 1);
    }
    return i == s.length();
  }

  /** hex digits [. hex digits] | . hex digits (at least one), then the mandatory p exponent. */
  private static boolean isHexFloat(String s, int start) {
    int i = start;
    int digits = 0;
    while (i < s.length() && isHexDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && isHexDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    return digits > 0 && i < s.length() && (s.charAt(i) | 0x20) == 'p' && isExponent(s, i + 1);
  }

  private static boolean isExponent(String s, int start) {
    int i = start;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  }
}
