package dev.kserve4j.api.gjson;

import java.util.Arrays;

/**
 * A compiled GJSON wildcard pattern (the syntax of {@code tidwall/match}): {@code *} matches any
 * run of characters (none included), {@code ?} matches exactly one character (a Unicode code
 * point), {@code \c} matches {@code c} itself, and every other character matches itself. Used for
 * keys holding a wildcard and for the {@code %} and {@code !%} query operators.
 *
 * <p>Matching is iterative with one backtrack point, so its cost is bounded by the lengths of the
 * pattern and the text multiplied together, whatever the pattern; instances are immutable.
 */
final class WildcardPattern {
  private static final int ANY_ONE = -1;
  private static final int ANY_RUN = -2;

  /** Code points to match, or {@link #ANY_ONE} / {@link #ANY_RUN}; runs of stars are collapsed. */
  private final int[] tokens;

  private final String source;

  /** Whether the pattern matches nothing at all. */
  private final boolean never;

  private WildcardPattern(int[] tokens, String source, boolean never) {
    this.tokens = tokens;
    this.source = source;
    this.never = never;
  }

  /**
   * Compiles a pattern. A lone {@code \} at the very end matches a {@code \} when a {@code *} comes
   * before it (where {@code tidwall/match} compares the pattern's tail backwards), and makes the
   * pattern match nothing otherwise.
   *
   * @param pattern the pattern text
   * @return the compiled pattern
   */
  static WildcardPattern compile(String pattern) {
    int[] out = new int[pattern.length()];
    int n = 0;
    boolean star = false;
    boolean never = false;
    for (int i = 0; i < pattern.length(); ) {
      int cp = pattern.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\\' && i < pattern.length()) {
        cp = pattern.codePointAt(i);
        i += Character.charCount(cp);
        out[n++] = cp;
      } else if (cp == '\\') {
        never = !star;
        out[n++] = cp;
      } else if (cp == '*') {
        star = true;
        if (n == 0 || out[n - 1] != ANY_RUN) {
          out[n++] = ANY_RUN;
        }
      } else if (cp == '?') {
        out[n++] = ANY_ONE;
      } else {
        out[n++] = cp;
      }
    }
    return new WildcardPattern(Arrays.copyOf(out, n), pattern, never);
  }

  /**
   * Whether the whole of {@code text} matches the pattern.
   *
   * @param text the text to match
   * @return true when it matches
   */
  boolean matches(String text) {
    if (never) {
      return false;
    }
    int t = 0;
    int i = 0;
    int starToken = -1;
    int starText = 0;
    int length = text.length();
    while (i < length) {
      if (t < tokens.length) {
        int token = tokens[t];
        if (token == ANY_RUN) {
          starToken = t++;
          starText = i;
          continue;
        }
        int cp = text.codePointAt(i);
        if (token == ANY_ONE || token == cp) {
          t++;
          i += Character.charCount(cp);
          continue;
        }
      }
      if (starToken < 0) {
        return false;
      }
      // Let the last star take one more character and retry from there.
      t = starToken + 1;
      starText += Character.charCount(text.codePointAt(starText));
      i = starText;
    }
    while (t < tokens.length && tokens[t] == ANY_RUN) {
      t++;
    }
    return t == tokens.length;
  }

  @Override
  public String toString() {
    return source;
  }
}
