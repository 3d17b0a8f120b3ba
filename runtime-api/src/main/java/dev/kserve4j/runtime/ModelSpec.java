package dev.kserve4j.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a runtime needs to load a model.
 *
 * @param name the served model name
 * @param version the served version, or null when unversioned
 * @param directory the directory holding the model files
 * @param options runtime options (e.g. {@code intraOpThreads}, {@code nthread}); never null
 */
public record ModelSpec(String name, String version, Path directory, Map<String, String> options) {
  public ModelSpec {
    requireNonNull(name, "name");
    requireNonNull(directory, "directory");
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public ModelSpec(String name, Path directory) {
    this(name, null, directory, Map.of());
  }

  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  public int intOption(String key, int defaultValue) {
    String v = options.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "model '" + name + "': option " + key + "=" + v + " (expected an integer)");
    }
  }

  /**
   * Option {@code key} as an integer of at least {@code min}, or {@code defaultValue} when unset.
   *
   * @throws ModelLoadException naming the option, its value and what was expected
   */
  public int intOptionAtLeast(String key, int defaultValue, int min) {
    int value;
    try {
      value = intOption(key, defaultValue);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    if (value < min) {
      throw new ModelLoadException(
          "model '" + name + "': option " + key + "=" + value + " (expected >= " + min + ")");
    }
    return value;
  }
}
