package dev.kserve4j.runtime.custom;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.TransformerStages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A user's {@link CustomModel} as the server sees it: calls run with the model's class loader as
 * the thread's context loader (so libraries in the user's jars that look classes or resources up
 * through it find them), a class with its own preprocess or postprocess is a transformer ({@link
 * CustomStages}) and one with its own explain an explainer ({@link CustomExplainer}), failures
 * other than {@link KServeException} become {@code MODEL_FAILURE} naming the model, and closing the
 * model closes its class loader.
 */
final class UserModel implements Model {
  private final String name;
  private final CustomModel model;
  private final URLClassLoader loader;
  private final Optional<TransformerStages> transformer;
  private final Optional<HttpPredictor> predictor;
  private final Optional<JsonPredictor> explainer;

  private UserModel(String name, CustomModel model, URLClassLoader loader, ModelSpec spec) {
    this.name = name;
    this.model = model;
    this.loader = loader;
    TransformerStages.Protocol protocol =
        spec.option(TransformerStages.PREDICTOR_PROTOCOL_OPTION).orElse("v1").equals("v1")
            ? TransformerStages.Protocol.V1
            : TransformerStages.Protocol.V2;
    this.transformer =
        CustomStages.transforms(model)
            ? Optional.of(
                new CustomStages(name, model, protocol, this::metadata, s -> call(s, "transform")))
            : Optional.empty();
    boolean explains = CustomExplainer.explains(model);
    this.predictor = explains ? HttpPredictor.of(spec, this::metadata) : Optional.empty();
    this.explainer =
        explains
            ? Optional.of(
                new CustomExplainer(
                    name, model, this::metadata, this.predictor, s -> call(s, "explanation")))
            : Optional.empty();
  }

  /** Creates {@code className} in a new loader over {@code classPath} and calls its load. */
  static UserModel load(
      ModelSpec spec, String className, UserClassPath classPath, ClassLoader parent) {
    URLClassLoader loader = classPath.newLoader(spec.name(), parent);
    try {
      CustomModel model = UserClassFactory.instantiate(spec.name(), className, classPath, loader);
      UserModel loaded = new UserModel(spec.name(), model, loader, spec);
      try {
        loaded.runLoad(spec);
      } catch (RuntimeException | Error e) {
        loaded.predictor.ifPresent(HttpPredictor::close);
        throw e;
      }
      return loaded;
    } catch (RuntimeException | Error e) {
      closeQuietly(loader, e);
      throw e;
    }
  }

  /** Calls the user's load; any failure becomes a load error naming the model and the class. */
  private void runLoad(ModelSpec spec) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      model.load(spec);
    } catch (RuntimeException e) {
      throw new ModelLoadException(
          "model '"
              + name
              + "': load failed in "
              + model.getClass().getName()
              + ": "
              + (e instanceof KServeException ? e.getMessage() : describe(e)),
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The user's class, loaded by this model's class loader. */
  Class<?> userClass() {
    return model.getClass();
  }

  @Override
  public ModelMetadata metadata() {
    ModelMetadata metadata = call(model::metadata, "metadata");
    if (metadata == null) {
      throw KServeException.modelFailure(
          "model '"
              + name
              + "': "
              + model.getClass().getName()
              + ".metadata() returned null"
              + " (expected the model's inputs and outputs)",
          null);
    }
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    return call(() -> model.infer(request), "inference");
  }

  @Override
  public Optional<TransformerStages> transformer() {
    return transformer;
  }

  @Override
  public Optional<JsonPredictor> explainer() {
    return explainer;
  }

  @Override
  public boolean batchable() {
    return model.batchable();
  }

  @Override
  public V1Predictions v1Predictions() {
    return model.v1Predictions();
  }

  @Override
  public void close() {
    try {
      call(
          () -> {
            model.close();
            return null;
          },
          "close");
    } finally {
      predictor.ifPresent(HttpPredictor::close);
      try {
        loader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "model '" + name + "': cannot close the class loader of its classpath", e);
      }
    }
  }

  /** Runs {@code step} of the user's code under its class loader, naming the model on failure. */
  private <T> T call(Supplier<T> step, String what) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return step.get();
    } catch (KServeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw KServeException.modelFailure(
          "model '"
              + name
              + "': "
              + what
              + " failed in "
              + model.getClass().getName()
              + ": "
              + describe(e),
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static void closeQuietly(URLClassLoader loader, Throwable failure) {
    try {
      loader.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
