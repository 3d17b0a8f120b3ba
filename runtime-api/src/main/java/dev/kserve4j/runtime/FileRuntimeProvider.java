package dev.kserve4j.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The base of a runtime whose model is one file in the model directory: the format, the platform
 * and a {@link ModelFileFinder} are given once, {@link #canLoad} is "the finder finds a file", and
 * {@link #load(ModelSpec)} finds the file (failing with the finder's error) and hands it to {@link
 * #load(ModelSpec, Path)}, the one method a runtime writes.
 *
 * @param <M> the runtime's model class
 */
public abstract class FileRuntimeProvider<M extends Model> implements ModelRuntimeProvider {
  private final String format;
  private final String platform;
  private final ModelFileFinder files;

  /**
   * @param format the KServe {@code modelFormat.name}, e.g. {@code "onnx"}
   * @param platform the platform reported in model metadata, e.g. {@code "onnxruntime_onnx"}
   * @param files how the model file is found in a model directory
   */
  protected FileRuntimeProvider(String format, String platform, ModelFileFinder files) {
    this.format = requireNonNull(format, "format");
    this.platform = requireNonNull(platform, "platform");
    this.files = requireNonNull(files, "files");
  }

  @Override
  public final String format() {
    return format;
  }

  @Override
  public final String platform() {
    return platform;
  }

  /** How this runtime finds its model file. */
  public final ModelFileFinder files() {
    return files;
  }

  @Override
  public boolean canLoad(Path directory) {
    return files.find(directory).isPresent();
  }

  @Override
  public final M load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    return load(spec, files.require(spec));
  }

  /**
   * Loads the model from {@code file}, the one the finder chose in {@code spec}'s directory. Fails
   * with {@code ModelLoadException} naming the file and the reason.
   */
  protected abstract M load(ModelSpec spec, Path file);
}
