package dev.kserve4j.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the one model file of a model directory, the same way for every runtime.
 *
 * <p>The candidates are the regular files directly in the directory whose names match (an
 * extension, compared without case, or an exact name) and, where a content rule is given, whose
 * content passes it (e.g. LightGBM's {@code tree} header, so that an XGBoost {@code .bst} is not
 * taken for a LightGBM model). A candidate with a preferred name (e.g. {@code model.onnx}, the name
 * KServe's and Triton's runtimes use) wins when exactly one candidate has such a name; otherwise
 * the directory must hold exactly one candidate. Instances are immutable.
 */
public final class ModelFileFinder {
  private static final int LISTED = 20;

  private final String pattern;
  private final Predicate<String> name;
  private final Predicate<Path> content;
  private final List<String> preferred;

  private ModelFileFinder(
      String pattern, Predicate<String> name, Predicate<Path> content, List<String> preferred) {
    this.pattern = pattern;
    this.name = name;
    this.content = content;
    this.preferred = preferred;
  }

  /** Files ending in one of {@code extensions} (e.g. {@code ".onnx"}), compared without case. */
  public static ModelFileFinder withExtensions(String... extensions) {
    List<String> lower = Arrays.stream(extensions).map(e -> e.toLowerCase(Locale.ROOT)).toList();
    if (lower.isEmpty() || lower.stream().anyMatch(e -> !e.startsWith(".") || e.length() < 2)) {
      throw new IllegalArgumentException(
          "extensions: " + lower + " (expected at least one, each like \".onnx\")");
    }
    String pattern = lower.stream().map(e -> "*" + e).collect(Collectors.joining("/"));
    return new ModelFileFinder(
        pattern,
        n -> lower.stream().anyMatch(n.toLowerCase(Locale.ROOT)::endsWith),
        p -> true,
        List.of());
  }

  /** The file named exactly {@code fileName}, e.g. {@code model.py}. */
  public static ModelFileFinder named(String fileName) {
    requireNonNull(fileName, "fileName");
    return new ModelFileFinder(fileName, fileName::equals, p -> true, List.of());
  }

  /** The same finder, where a candidate named one of {@code names} wins over the others. */
  public ModelFileFinder preferring(String... names) {
    return new ModelFileFinder(pattern, name, content, List.of(names));
  }

  /**
   * The same finder, taking only files whose content passes {@code test}; {@code rule} describes it
   * in errors (e.g. {@code "starting with 'tree'"}). A file that cannot be read fails the test.
   */
  public ModelFileFinder whereContent(String rule, Predicate<Path> test) {
    requireNonNull(rule, "rule");
    requireNonNull(test, "test");
    return new ModelFileFinder(pattern + " " + rule, name, content.and(test), preferred);
  }

  /** What the finder looks for, as errors name it, e.g. {@code *.bst/*.json/*.ubj}. */
  public String pattern() {
    return pattern;
  }

  /** The candidates in {@code directory}, sorted; empty when it is not a readable directory. */
  public List<Path> candidates(Path directory) {
    try {
      return candidatesOf(directory);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The model file of {@code directory}; empty when there is none or the choice is ambiguous. */
  public Optional<Path> find(Path directory) {
    return choose(candidates(directory));
  }

  /**
   * The model file of {@code spec}'s directory.
   *
   * @throws ModelLoadException naming the directory, what was looked for and what was found, when
   *     it is not a directory, holds no candidate or several
   */
  public Path require(ModelSpec spec) {
    requireNonNull(spec, "spec");
    Path dir = spec.directory();
    if (!Files.isDirectory(dir)) {
      throw ModelLoadException.of(spec.name(), dir, "not a directory", null);
    }
    List<Path> candidates;
    List<String> entries;
    try {
      candidates = candidatesOf(dir);
      entries = entries(dir);
    } catch (IOException e) {
      throw ModelLoadException.of(spec.name(), dir, "cannot list it: " + e.getMessage(), e);
    }
    Optional<Path> chosen = choose(candidates);
    if (chosen.isPresent()) {
      return chosen.get();
    }
    String prefix = "model '" + spec.name() + "': ";
    if (candidates.isEmpty()) {
      throw new ModelLoadException(
          prefix
              + "no model file matching "
              + pattern
              + " in "
              + dir
              + " (found: "
              + (entries.isEmpty() ? "nothing" : String.join(", ", entries))
              + ")");
    }
    throw new ModelLoadException(
        prefix
            + "several model files match "
            + pattern
            + " in "
            + dir
            + ": "
            + candidates.stream().map(ModelFileFinder::fileName).collect(Collectors.joining(", "))
            + " (expected "
            + (preferred.isEmpty() ? "" : String.join(" or ", preferred) + ", or ")
            + "exactly one such file)");
  }

  private Optional<Path> choose(List<Path> candidates) {
    List<Path> named = candidates.stream().filter(p -> preferred.contains(fileName(p))).toList();
    if (named.size() == 1) {
      return Optional.of(named.get(0));
    }
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  private List<Path> candidatesOf(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(p -> name.test(fileName(p)))
          .filter(Files::isRegularFile)
          .filter(content)
          .sorted()
          .toList();
    }
  }

  /** The directory's entry names, sorted, at most {@value #LISTED} and then a count. */
  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<String> names = files.map(ModelFileFinder::fileName).sorted().toList();
      if (names.size() <= LISTED) {
        return names;
      }
      return Stream.concat(
              names.stream().limit(LISTED), Stream.of("and " + (names.size() - LISTED) + " more"))
          .toList();
    }
  }

  private static String fileName(Path p) {
    return p.getFileName().toString();
  }
}
