package dev.kserve4j.runtime.python.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that can import what a model needs. A configured interpreter is the
 * only candidate; otherwise {@code python3} on {@code PATH} and then {@code /usr/bin/python3} are
 * tried, because a user-level Python (pyenv, venv) often lacks the system's Debian packages. A
 * model's requirements are its format's modules plus, for model.py, its top-level imports.
 */
public final class InterpreterLocator {
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
  private static final Map<String, String[]> PACKAGES =
      Map.of(
          "sklearn", new String[] {"python3-sklearn", "scikit-learn"},
          "numpy", new String[] {"python3-numpy", "numpy"},
          "joblib", new String[] {"python3-joblib", "joblib"},
          "pandas", new String[] {"python3-pandas", "pandas"});

  private final String path;

  /**
   * @param path the {@code PATH} to search for {@code python3}
   */
  public InterpreterLocator(String path) {
    this.path = path == null ? "" : path;
  }

  /**
   * The interpreter to run, or an error message naming every candidate and what to install.
   *
   * @param script the model.py whose imports count too, if any
   */
  public Result locate(
      Optional<String> configured,
      List<String> required,
      List<String> optional,
      Optional<Path> script,
      Path probe) {
    List<String> candidates = configured.map(List::of).orElseGet(this::defaultCandidates);
    if (candidates.isEmpty()) {
      return Result.failure(
          "no Python interpreter found: python3 is not on PATH and "
              + SYSTEM_PYTHON
              + " does not exist (install Debian's python3 and python3-numpy, or set"
              + " the option python or the environment variable KSERVE4J_PYTHON)");
    }
    List<String> problems = new ArrayList<>();
    String fallback = null;
    for (String candidate : candidates) {
      List<String> missing = new ArrayList<>();
      String error = probe(candidate, required, optional, script, probe, missing);
      if (error != null) {
        problems.add(candidate + ": " + error);
      } else if (missing.isEmpty()) {
        return Result.of(candidate);
      } else if (optional.containsAll(missing)) {
        fallback = fallback == null ? candidate : fallback;
      } else {
        problems.add(
            candidate
                + " cannot import "
                + String.join(", ", missing)
                + ": install "
                + install(missing));
      }
    }
    return fallback != null
        ? Result.of(fallback)
        : Result.failure(
            String.join("; ", problems)
                + (configured.isPresent()
                    ? ""
                    : " (or set the option python to an interpreter that has them)"));
  }

  private List<String> defaultCandidates() {
    Set<String> found = new LinkedHashSet<>();
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "python3");
      if (Files.isExecutable(p)) {
        found.add(p.toString());
        break;
      }
    }
    if (Files.isExecutable(SYSTEM_PYTHON)) {
      found.add(SYSTEM_PYTHON.toString());
    }
    return List.copyOf(found);
  }

  private static String probe(
      String python,
      List<String> required,
      List<String> optional,
      Optional<Path> script,
      Path probe,
      List<String> missing) {
    List<String> command =
        new ArrayList<>(List.of(python, probe.toString(), script.map(Path::toString).orElse("-")));
    command.addAll(required);
    command.addAll(optional);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "did not answer within 60 s";
      }
      if (process.exitValue() != 0) {
        String[] lines = err.strip().split("\n");
        return "cannot read the model (exit code "
            + process.exitValue()
            + "): "
            + lines[lines.length - 1];
      }
      out.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(missing::add);
      return null;
    } catch (IOException e) {
      return "cannot be run (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing";
    }
  }

  private static String install(List<String> modules) {
    List<String> debian = new ArrayList<>();
    List<String> pip = new ArrayList<>();
    for (String m : modules) {
      String[] names = PACKAGES.getOrDefault(m, new String[] {"python3-" + m, m});
      debian.add(names[0]);
      pip.add(names[1]);
    }
    return "Debian's " + String.join(", ", debian) + " (or pip's " + String.join(", ", pip) + ")";
  }

  /** An interpreter, or the reason none fits. */
  public record Result(String python, String error) {
    static Result of(String python) {
      return new Result(python, null);
    }

    static Result failure(String error) {
      return new Result(null, error);
    }
  }
}
