package dev.kserve4j.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The runtimes available on a class path, looked up by format name or detected from files. */
public final class ModelRuntimes {
  private final List<ModelRuntimeProvider> providers;

  public ModelRuntimes(List<ModelRuntimeProvider> providers) {
    this.providers = List.copyOf(requireNonNull(providers, "providers"));
  }

  /** The runtimes registered through {@link ServiceLoader} on {@code loader}. */
  public static ModelRuntimes discover(ClassLoader loader) {
    List<ModelRuntimeProvider> found = new ArrayList<>();
    ServiceLoader.load(ModelRuntimeProvider.class, loader).forEach(found::add);
    return new ModelRuntimes(found);
  }

  public List<ModelRuntimeProvider> providers() {
    return providers;
  }

  public List<String> formats() {
    return providers.stream().map(ModelRuntimeProvider::format).sorted().toList();
  }

  public Optional<ModelRuntimeProvider> byFormat(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    return providers.stream().filter(p -> p.format().equals(f)).findFirst();
  }

  /** The runtime for {@code format}, or a load error naming the formats that exist. */
  public ModelRuntimeProvider require(String format) {
    return byFormat(format)
        .orElseThrow(
            () ->
                new ModelLoadException(
                    "unknown model format '" + format + "' (expected one of " + formats() + ")"));
  }

  /** The single runtime that recognises the files in {@code directory}. */
  public ModelRuntimeProvider detect(Path directory) {
    List<ModelRuntimeProvider> matches =
        providers.stream().filter(p -> p.canLoad(directory)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new ModelLoadException(
          "cannot detect the model format of "
              + directory
              + ": no known model file found (expected e.g. model.onnx, model.bst/.json/.ubj,"
              + " model.txt, model.joblib/.pkl/.pickle, model.py, model.pmml, model.pt,"
              + " saved_model.pb, model.gguf, upstream.json; or pass the format explicitly, one of "
              + formats()
              + ")");
    }
    throw new ModelLoadException(
        "cannot detect the model format of "
            + directory
            + ": files fit several formats "
            + matches.stream().map(ModelRuntimeProvider::format).collect(Collectors.toList())
            + " (pass the format explicitly)");
  }
}
