package com.acme.temperature;

import dev.kserve4j.common.KServeException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a sensor's text reading such as {@code "21.5C"}, {@code "70.7 F"} or {@code "294.6K"}. */
public final class Reading {
  private static final Pattern FORMAT =
      Pattern.compile("\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*°?\\s*([CFKcfk])\\s*");

  private Reading() {}

  /**
   * The reading in degrees Celsius.
   *
   * @param input the input's name, for messages
   * @param row the row index, for messages
   * @throws KServeException INVALID_INPUT when the text is not a temperature
   */
  public static double celsius(String input, int row, String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw KServeException.invalidInput(
          "input '"
              + input
              + "': row "
              + row
              + " is '"
              + text
              + "' (expected a number and a"
              + " unit C, F or K, e.g. \"21.5C\")");
    }
    double value = Double.parseDouble(m.group(1));
    double celsius =
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
          case "C" -> value;
          case "F" -> (value - 32) * 5 / 9;
          default -> value - 273.15;
        };
    if (celsius < -273.15) {
      throw KServeException.invalidInput(
          "input '"
              + input
              + "': row "
              + row
              + " is '"
              + text
              + "', below absolute zero"
              + " (expected at least -273.15C)");
    }
    return celsius;
  }
}
