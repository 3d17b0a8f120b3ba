package dev.kserve4j.runtime.custom;

import dev.kserve4j.runtime.ModelLoadException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars and class directories of a custom model, checked to exist when parsed so that a typo is
 * reported as such rather than as a class that cannot be found.
 *
 * @param entries the entries in lookup order, as absolute paths; empty for the server's class path
 */
record UserClassPath(List<Path> entries) {
  UserClassPath {
    entries = List.copyOf(entries);
  }

  /**
   * Parses {@code value}, entries separated by {@link File#pathSeparator}; empty entries are
   * skipped.
   */
  static UserClassPath parse(String model, String value) {
    List<Path> entries = new ArrayList<>();
    for (String raw : value.split(File.pathSeparator)) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      Path path;
      try {
        path = Path.of(entry).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw new ModelLoadException(
            "model '"
                + model
                + "': classpath entry '"
                + entry
                + "' is not a valid path ("
                + e.getReason()
                + ")",
            e);
      }
      if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
        throw new ModelLoadException(
            "model '"
                + model
                + "': classpath entry "
                + path
                + " does not exist (expected a jar file or a directory of classes)");
      }
      entries.add(path);
    }
    return new UserClassPath(entries);
  }

  /** A new class loader over the entries, delegating to {@code parent} first. */
  URLClassLoader newLoader(String model, ClassLoader parent) {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = entries.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new ModelLoadException(
            "model '" + model + "': classpath entry " + entries.get(i) + " has no URL form", e);
      }
    }
    return new URLClassLoader("kserve4j-custom-" + model, urls, parent);
  }

  /** How the class path reads in messages. */
  String describe() {
    return entries.isEmpty() ? "the server's class path (no classpath given)" : entries.toString();
  }
}
