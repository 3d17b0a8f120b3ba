package dev.kserve4j.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules names are checked against before they reach a path, a host or a metric label: one
 * source for each, used by the resource validators ({@code api}) and the model repository ({@code
 * server}).
 */
public enum NameRule {
  /**
   * InferenceService and InferenceGraph names: KServe's {@code IsvcNameFmt}, a DNS-1035 label of at
   * most 63 characters, since Kubernetes Services and hosts are named after them.
   */
  SERVICE("[a-z]([-a-z0-9]*[a-z0-9])?", 63),
  /**
   * Model names of the V2 repository API and of {@code models.json}: each names one directory of a
   * model repository, so letters, digits, {@code _}, {@code -} and {@code .}, not starting with a
   * dot (no {@code .}, {@code ..} or hidden directory, no separator), at most 255 characters (a
   * file name's limit). KServe's TrainedModel names ({@code [a-zA-Z0-9_-]+}) all qualify.
   */
  MODEL("[A-Za-z0-9_][A-Za-z0-9_.-]*", 255);

  private final String format;
  private final Pattern pattern;
  private final int maxLength;

  NameRule(String format, int maxLength) {
    this.format = format;
    this.pattern = Pattern.compile(format);
    this.maxLength = maxLength;
  }

  /** The regular expression a whole name must match, as KServe's messages quote it. */
  public String format() {
    return format;
  }

  /** The most characters a name may have. */
  public int maxLength() {
    return maxLength;
  }

  /** Whether {@code name} matches {@link #format()} (regardless of its length). */
  public boolean matches(String name) {
    return name != null && pattern.matcher(name).matches();
  }

  /**
   * Kubernetes' message for a name over {@link #maxLength()} ({@code validation.MaxLenError}), or
   * empty when it is not too long.
   */
  public Optional<String> tooLong(String name) {
    return name != null && name.length() > maxLength
        ? Optional.of("must be no more than " + maxLength + " characters")
        : Optional.empty();
  }

  /** Whether {@code name} follows this rule: it matches and is not too long. */
  public boolean accepts(String name) {
    return matches(name) && tooLong(name).isEmpty();
  }

  /**
   * What is wrong with {@code name} as a model name, or empty when {@link #MODEL} accepts it: for
   * {@code models.json} entries and the repository API.
   */
  public static Optional<String> modelNameProblem(String name) {
    if (MODEL.tooLong(name).isPresent()) {
      return Optional.of(
          "model name '"
              + name.substring(0, 40)
              + "...' ("
              + name.length()
              + " characters) is too long: "
              + MODEL.tooLong(name).get());
    }
    if (!MODEL.matches(name)) {
      return Optional.of(
          "model name '"
              + name
              + "' is invalid: a model name names one directory"
              + " and must consist of letters, digits, '_', '-' or '.', and must not start with '.'"
              + " (e.g. \"my-model\" or \"resnet_50.v2\", regex used for validation is '"
              + MODEL.format
              + "')");
    }
    return Optional.empty();
  }
}
