package dev.kserve4j.architecture;

import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reactor's modules: their names (the artifact id without {@code kserve4j-}) as the root POM
 * lists them, and where each one's main classes are on this test's class path.
 */
record Modules(Path root, TreeMap<String, Path> declared, TreeMap<String, Path> onClassPath) {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT =
      Pattern.compile("</parent>.*?<artifactId>kserve4j-([^<]+)</artifactId>", Pattern.DOTALL);
  private static final Pattern JAR =
      Pattern.compile("kserve4j-(.+?)(?:-\\d+\\.\\d+\\.\\d+[^/]*)?\\.jar");

  /** This module's own name: it reads the others and is not layered. */
  static final String SELF = "architecture";

  static Modules read() {
    Path root = Path.of(System.getProperty("kserve4j.repoRoot", "..")).toAbsolutePath().normalize();
    TreeMap<String, Path> declared = new TreeMap<>();
    for (Matcher m = MODULE.matcher(read(root.resolve("pom.xml"))); m.find(); ) {
      Path dir = root.resolve(m.group(1)).normalize();
      declared.put(artifactName(dir), dir);
    }
    TreeMap<String, Path> found = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      nameOf(path).filter(name -> !name.equals(SELF)).ifPresent(name -> found.put(name, path));
    }
    return new Modules(root, declared, found);
  }

  /** The module whose classes lie under {@code location}, if it is one of ours. */
  Optional<String> moduleAt(URI location) {
    String text = location.toString();
    return onClassPath.entrySet().stream()
        .filter(e -> text.contains(e.getValue().toUri().getRawPath()))
        .map(java.util.Map.Entry::getKey)
        .findFirst();
  }

  /** Where the modules' classes are, as ArchUnit reads them: each jar or class folder. */
  Set<Location> locations() {
    Set<Location> out = new LinkedHashSet<>();
    for (Path path : onClassPath.values()) {
      if (Files.isDirectory(path)) {
        out.add(Location.of(path));
      } else {
        try {
          out.add(Location.of(new JarFile(path.toFile())));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + path, e);
        }
      }
    }
    return out;
  }

  /** Modules of the reactor that this test does not see (not a dependency of this module). */
  List<String> unchecked() {
    TreeSet<String> missing = new TreeSet<>(declared.keySet());
    missing.removeAll(onClassPath.keySet());
    missing.remove(SELF);
    return new ArrayList<>(missing);
  }

  private static Optional<String> nameOf(Path path) {
    String file = path.getFileName() == null ? "" : path.getFileName().toString();
    Path target = path.getParent();
    if (file.endsWith(".jar")
        && target != null
        && target.getFileName().toString().equals("target")
        && Files.isRegularFile(target.resolveSibling("pom.xml"))) {
      // A module of this reactor, built in place: its jar may have a name of its own.
      return Optional.of(artifactName(target.getParent()));
    }
    if (file.endsWith(".jar")) {
      Matcher m = JAR.matcher(file);
      return m.matches() && !file.contains("-tests") ? Optional.of(m.group(1)) : Optional.empty();
    }
    if (path.endsWith(Path.of("target", "classes"))) {
      Path pom = path.getParent().getParent().resolve("pom.xml");
      return Files.isRegularFile(pom)
          ? Optional.of(artifactName(pom.getParent()))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static String artifactName(Path moduleDir) {
    Matcher m = ARTIFACT.matcher(read(moduleDir.resolve("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException(
          moduleDir + "/pom.xml: no kserve4j-* artifactId after <parent>");
    }
    return m.group(1);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
