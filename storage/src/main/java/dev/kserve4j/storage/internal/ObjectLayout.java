package dev.kserve4j.storage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps the object names listed under a bucket prefix to file names in the model directory, for S3
 * and GCS. The prefix names either one object (downloaded under its base name) or a "directory":
 * objects below {@code prefix/}, kept at their paths relative to it. Unlike a plain string prefix,
 * {@code models/a} does not pick up {@code models/ab/...}; folder markers (names ending in {@code
 * /}) are skipped.
 */
public final class ObjectLayout {
  private ObjectLayout() {}

  /** An object to download and the relative file name it gets. */
  public record Placement(String objectName, String fileName, long size) {}

  /** An object as listed. */
  public record Listed(String name, long size) {}

  /** Where each listed object goes; an exact match of the prefix wins over objects below it. */
  public static List<Placement> place(String prefix, List<Listed> listed) {
    Optional<Listed> exact =
        prefix.isEmpty() || prefix.endsWith("/")
            ? Optional.empty()
            : listed.stream().filter(o -> o.name().equals(prefix)).findFirst();
    if (exact.isPresent()) {
      String name = exact.get().name();
      return List.of(
          new Placement(name, name.substring(name.lastIndexOf('/') + 1), exact.get().size()));
    }
    String directory = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    List<Placement> placements = new ArrayList<>();
    for (Listed object : listed) {
      String name = object.name();
      if (name.startsWith(directory) && !name.endsWith("/") && name.length() > directory.length()) {
        placements.add(new Placement(name, name.substring(directory.length()), object.size()));
      }
    }
    return placements;
  }
}
