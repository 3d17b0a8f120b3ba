package dev.kserve4j.runtime.pmml;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelFileFinder;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Serves PMML documents (KServe {@code modelFormat.name: pmml}) with an evaluator written here for
 * the PMML 4.x subset that scikit-learn, XGBoost and LightGBM exports and decision-tree tools
 * produce: DataDictionary, TransformationDictionary and LocalTransformations, MiningSchema
 * treatments, TreeModel, RegressionModel, MiningModel segmentations, Targets and Output. A document
 * using anything else fails at load, naming the element and what is supported.
 *
 * <p>The model file is, as for KServe's pmmlserver, the one file ending in {@code .pmml} (e.g.
 * {@code model.pmml}); none or several is not loadable.
 */
public final class PmmlRuntimeProvider extends FileRuntimeProvider<Model> {

  public PmmlRuntimeProvider() {
    super("pmml", PmmlModel.PLATFORM, ModelFileFinder.withExtensions(".pmml"));
  }

  @Override
  protected Model load(ModelSpec spec, Path file) {
    try {
      return new PmmlModel(spec.name(), spec.version(), PmmlDocument.read(file));
    } catch (PmmlException e) {
      throw ModelLoadException.of(spec.name(), file, e.getMessage(), e);
    } catch (IOException e) {
      throw ModelLoadException.of(spec.name(), file, "cannot read: " + e.getMessage(), e);
    }
  }
}
