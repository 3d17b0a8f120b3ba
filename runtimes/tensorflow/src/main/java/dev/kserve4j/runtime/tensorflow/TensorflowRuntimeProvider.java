package dev.kserve4j.runtime.tensorflow;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code tensorflow} model format: SavedModels served by TensorFlow Java. A model directory
 * holds {@code saved_model.pb} (and {@code variables/}) itself, or in numeric version
 * subdirectories as TensorFlow Serving lays them out, the highest of which is served (see {@link
 * SavedModelDirectory}).
 *
 * <p>Options: see {@link TensorflowModelConfig} ({@code signature}, {@code intraOpThreads}, {@code
 * interOpThreads}).
 */
public final class TensorflowRuntimeProvider implements ModelRuntimeProvider {

  @Override
  public String format() {
    return "tensorflow";
  }

  @Override
  public String platform() {
    return "tensorflow_savedmodel";
  }

  @Override
  public boolean canLoad(Path directory) {
    return SavedModelDirectory.find(directory).isPresent();
  }

  @Override
  public TensorflowModel load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    Path dir = spec.directory();
    if (!Files.isDirectory(dir)) {
      throw ModelLoadException.of(spec.name(), dir, "not a directory", null);
    }
    SavedModelDirectory savedModel =
        SavedModelDirectory.find(dir)
            .orElseThrow(
                () ->
                    ModelLoadException.of(
                        spec.name(),
                        dir,
                        "no "
                            + SavedModelDirectory.GRAPH_FILE
                            + " found (expected it in the directory itself or in a numeric version"
                            + " subdirectory such as 1/"
                            + SavedModelDirectory.GRAPH_FILE
                            + ")",
                        null));
    return TensorflowModel.load(spec, savedModel, platform());
  }
}
