package dev.kserve4j.server.agent;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.storage.DirectoryTrees;
import dev.kserve4j.storage.ModelStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Puts a model's files into the model repository directory, {@code {repository}/{name}}, as
 * KServe's model agent does: fetched through {@link ModelStorage} (remote models land in its cache
 * first), then linked or copied into a staging directory that replaces the model's directory in one
 * rename, so that the server never loads a half-written model. Files are hard-linked where the file
 * system allows (no second copy of a large model), else copied.
 */
public final class ModelPuller {
  private final ModelStorage storage;
  private final Path repository;

  public ModelPuller(ModelStorage storage, Path repository) {
    this.storage = requireNonNull(storage, "storage");
    this.repository = requireNonNull(repository, "repository");
  }

  /** The model repository directory. */
  public Path repository() {
    return repository;
  }

  /**
   * Fetches {@code storageUri} into the directory of {@code name}, replacing what was there.
   *
   * @return the model's directory
   * @throws dev.kserve4j.storage.StorageException when the URI cannot be fetched
   * @throws UncheckedIOException when the files cannot be written
   */
  public Path pull(String name, String storageUri) {
    Path source = storage.fetch(storageUri);
    Path target = repository.resolve(name);
    Path staging = repository.resolve("." + name + ".pulling");
    try {
      Files.createDirectories(repository);
      deleteTree(staging);
      Files.createDirectories(staging);
      if (Files.isDirectory(source)) {
        copyTree(source, staging);
      } else {
        linkOrCopy(source, staging.resolve(source.getFileName().toString()));
      }
      deleteTree(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      try {
        deleteTree(staging);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException(
          "model '"
              + name
              + "': cannot write its files from "
              + source
              + " into "
              + target
              + ": "
              + e,
          e);
    }
  }

  /** Deletes the directory of {@code name}; nothing when there is none. */
  public void delete(String name) {
    Path target = repository.resolve(name);
    try {
      deleteTree(target);
    } catch (IOException e) {
      throw new UncheckedIOException("model '" + name + "': cannot delete " + target + ": " + e, e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          linkOrCopy(from, to);
        }
      }
    }
  }

  private static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from.toRealPath());
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    DirectoryTrees.delete(root);
  }
}
