package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a control plane in step with a file or a directory of manifests ({@code .yaml}, {@code
 * .yml}, {@code .json}), as {@code kubectl apply -f DIR} run on every save would: a changed file is
 * applied again, and InferenceServices that disappear from every file are deleted.
 *
 * <p>A file that cannot be read or parsed, or holds a resource KServe's validating webhook denies,
 * changes nothing (the listener is told why), so a half-saved edit never takes a service down.
 * Unchanged content (an editor touching the file) is not applied again. Runtimes in a file are
 * applied before its InferenceServices.
 */
public final class ManifestSync implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManifestSync.class);

  /** How long to wait for more events after one, so a save of several writes is applied once. */
  private static final long SETTLE_MILLIS = 300;

  private static final String LLM_KEY = "llm:";
  private static final String GRAPH_KEY = "ig:";

  /** What happened to the resources of a file. */
  public interface Listener {
    /** {@code resource} from {@code file} was applied; InferenceServices carry their status. */
    void applied(Path file, HasMetadata resource);

    /**
     * {@code kind} ({@code InferenceService} or {@code LLMInferenceService}) {@code
     * namespace/name}, no longer in any file, was deleted.
     */
    void deleted(Path file, String kind, String namespace, String name);

    /** {@code file} was not applied, because of {@code reason}. */
    void failed(Path file, String reason);
  }

  private record FileState(String content, Set<String> services) {}

  private final Path source;
  private final LocalControlPlane control;
  private final Listener listener;
  private final ResourceCodec codec = new ResourceCodec();

  /** Guarded by {@code this}. */
  private final Map<Path, FileState> files = new HashMap<>();

  private volatile WatchService watcher;

  public ManifestSync(Path source, LocalControlPlane control, Listener listener) {
    this.source = requireNonNull(source, "source").toAbsolutePath().normalize();
    this.control = requireNonNull(control, "control");
    this.listener = requireNonNull(listener, "listener");
  }

  /**
   * Applies every file now: the runtimes of all files first, then the InferenceServices, so that a
   * service may select a runtime from another file.
   *
   * @throws IllegalArgumentException when the source does not exist, or a file does not parse or
   *     holds a resource KServe's webhook denies, naming it (nothing is applied then)
   */
  public synchronized void applyAll() {
    Map<Path, List<HasMetadata>> parsed = new LinkedHashMap<>();
    Map<Path, String> contents = new LinkedHashMap<>();
    for (Path file : manifests()) {
      contents.put(file, read(file));
      parsed.put(file, codec.readAll(contents.get(file), file.toString()));
    }
    parsed.forEach((file, resources) -> resources.forEach(r -> admit(file, r)));
    contents.forEach((file, content) -> files.put(file, new FileState(content, Set.of())));
    parsed.forEach(
        (file, resources) ->
            resources.stream().filter(r -> !isService(r)).forEach(r -> applyOne(file, r)));
    // Graphs last, so that the services they name are there to be Ready.
    Map<Path, Set<String>> services = new LinkedHashMap<>();
    for (boolean graphs : new boolean[] {false, true}) {
      parsed.forEach(
          (file, resources) ->
              resources.stream()
                  .filter(r -> isService(r) && (r instanceof InferenceGraph) == graphs)
                  .map(r -> applyOne(file, r))
                  .filter(Objects::nonNull)
                  .forEach(services.computeIfAbsent(file, f -> new LinkedHashSet<>())::add));
    }
    parsed.forEach(
        (file, resources) ->
            files.put(
                file,
                new FileState(files.get(file).content(), services.getOrDefault(file, Set.of()))));
  }

  /** Applies {@code file} again after a change, or deletes its services when it is gone. */
  synchronized void sync(Path file) {
    FileState before = files.getOrDefault(file, new FileState(null, Set.of()));
    Set<String> now = new LinkedHashSet<>();
    if (Files.exists(file)) {
      String content;
      List<HasMetadata> resources;
      try {
        content = read(file);
        if (content.equals(before.content())) {
          return;
        }
        resources = codec.readAll(content, file.toString());
        resources.forEach(r -> admit(file, r));
      } catch (RuntimeException e) {
        listener.failed(file, e.getMessage());
        return;
      }
      resources.stream().filter(r -> !isService(r)).forEach(r -> applyOne(file, r));
      for (boolean graphs : new boolean[] {false, true}) {
        resources.stream()
            .filter(r -> isService(r) && (r instanceof InferenceGraph) == graphs)
            .map(r -> applyOne(file, r))
            .filter(Objects::nonNull)
            .forEach(now::add);
      }
      files.put(file, new FileState(content, now));
    } else {
      files.remove(file);
    }
    for (String gone : before.services()) {
      boolean elsewhere = files.values().stream().anyMatch(s -> s.services().contains(gone));
      if (!now.contains(gone) && !elsewhere) {
        boolean llm = gone.startsWith(LLM_KEY);
        boolean graph = gone.startsWith(GRAPH_KEY);
        String qualified =
            llm
                ? gone.substring(LLM_KEY.length())
                : graph ? gone.substring(GRAPH_KEY.length()) : gone;
        int slash = qualified.indexOf('/');
        String namespace = qualified.substring(0, slash);
        String name = qualified.substring(slash + 1);
        boolean deleted =
            llm
                ? control.deleteLlm(namespace, name)
                : graph ? control.deleteGraph(namespace, name) : control.delete(namespace, name);
        if (deleted) {
          listener.deleted(
              file,
              llm ? "LLMInferenceService" : graph ? "InferenceGraph" : "InferenceService",
              namespace,
              name);
        }
      }
    }
  }

  /**
   * Refuses the file when KServe's webhook would deny one of its resources, as {@code kubectl
   * apply} would fail on it, naming the file.
   */
  private void admit(Path file, HasMetadata resource) {
    if (LocalControlPlane.applicable(resource)) {
      try {
        control.admit(resource);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * InferenceServices, LLMInferenceServices and InferenceGraphs: applied after the runtimes,
   * deleted when gone.
   */
  private static boolean isService(HasMetadata resource) {
    return resource instanceof InferenceService
        || resource instanceof LLMInferenceService
        || resource instanceof InferenceGraph;
  }

  /**
   * Applies one resource; returns {@code namespace/name} for InferenceServices, {@code
   * llm:namespace/name} for LLMInferenceServices, else null.
   */
  private String applyOne(Path file, HasMetadata resource) {
    if (!LocalControlPlane.applicable(resource)) {
      listener.failed(
          file,
          "skipping "
              + resource.getKind()
              + "/"
              + resource.getMetadata().getName()
              + " (expected "
              + LocalControlPlane.APPLICABLE_KINDS
              + ")");
      return null;
    }
    try {
      if (resource instanceof InferenceService isvc) {
        InferenceService applied = control.apply(isvc);
        listener.applied(file, applied);
        return applied.getMetadata().getNamespace() + "/" + applied.getMetadata().getName();
      }
      if (resource instanceof InferenceGraph graph) {
        InferenceGraph applied = control.applyGraph(graph);
        listener.applied(file, applied);
        return GRAPH_KEY
            + applied.getMetadata().getNamespace()
            + "/"
            + applied.getMetadata().getName();
      }
      if (resource instanceof LLMInferenceService llmSvc) {
        LLMInferenceService applied = control.applyLlm(llmSvc);
        listener.applied(file, applied);
        return LLM_KEY
            + applied.getMetadata().getNamespace()
            + "/"
            + applied.getMetadata().getName();
      }
      control.applyRuntime(resource);
      listener.applied(file, resource);
    } catch (IllegalArgumentException e) {
      listener.failed(file, e.getMessage());
    }
    return null;
  }

  /**
   * Starts watching the source on a daemon thread: each file created, changed or removed is synced
   * once its writes settle.
   */
  public void watch() {
    Path directory = Files.isDirectory(source) ? source : source.getParent();
    try {
      watcher = directory.getFileSystem().newWatchService();
      directory.register(
          watcher,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + directory + ": " + e.getMessage(), e);
    }
    Thread.ofPlatform().daemon().name("manifest-watch").start(() -> loop(directory));
  }

  private void loop(Path directory) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        Set<Path> changed = new LinkedHashSet<>();
        while (key != null) {
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
              Path file = directory.resolve(name);
              if (wanted(file)) {
                changed.add(file);
              }
            }
          }
          key.reset();
          key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
        for (Path file : changed) {
          try {
            sync(file);
          } catch (RuntimeException e) {
            listener.failed(file, e.getMessage());
          }
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException stopped) {
      log.debug("stopped watching {}", directory);
    }
  }

  private boolean wanted(Path file) {
    return Files.isDirectory(source) ? isManifest(file) : file.equals(source);
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && name.matches(".*\\.(yaml|yml|json)");
  }

  private List<Path> manifests() {
    if (!Files.isDirectory(source)) {
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("-f " + source + ": no such file or directory");
      }
      return List.of(source);
    }
    try (Stream<Path> entries = Files.list(source)) {
      return entries.filter(ManifestSync::isManifest).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + source + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    WatchService w = watcher;
    if (w != null) {
      try {
        w.close();
      } catch (IOException e) {
        log.debug("closing the watch service of {} failed", source, e);
      }
    }
  }
}
