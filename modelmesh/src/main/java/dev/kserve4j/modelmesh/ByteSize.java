package dev.kserve4j.modelmesh;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as users write it (Kubernetes' quantities and the usual units): {@code 512MiB},
 * {@code 2Gi}, {@code 1.5GB}, {@code 800M}, {@code 1048576}. Binary suffixes ({@code Ki}, {@code
 * Mi}, {@code Gi}, {@code Ti}, with or without a trailing {@code B}) are powers of 1024, decimal
 * ones ({@code k}/{@code K}, {@code M}, {@code G}, {@code T}, with or without {@code B}) powers of
 * 1000.
 */
public final class ByteSize {
  private static final Pattern FORM =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKMGT]i?)?B?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /**
   * The bytes {@code text} names.
   *
   * @param what what the size is for, named in the error (e.g. {@code --model-memory-budget})
   * @throws IllegalArgumentException naming {@code what}, the value and the forms expected
   */
  public static long parse(String what, String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          what
              + ": '"
              + text
              + "' is not a size (expected a number of bytes with an optional unit, e.g. 512MiB,"
              + " 2Gi, 1.5GB or 800M)");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "" -> 1L;
          case "k" -> 1_000L;
          case "m" -> 1_000_000L;
          case "g" -> 1_000_000_000L;
          case "t" -> 1_000_000_000_000L;
          case "ki" -> 1L << 10;
          case "mi" -> 1L << 20;
          case "gi" -> 1L << 30;
          default -> 1L << 40; // ti
        };
    BigDecimal bytes = n.multiply(BigDecimal.valueOf(factor));
    if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          what + ": '" + text + "' (expected more than 0 bytes and less than 8 EiB)");
    }
    return bytes.longValue();
  }

  /** {@code bytes} in the largest binary unit that keeps one decimal, e.g. {@code 1.5 GiB}. */
  public static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
