package dev.kserve4j.runtime.pmml;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Serves PMML documents (KServe {@code modelFormat.name: pmml}) with an evaluator written here
 * for the PMML 4.x subset that scikit-learn, XGBoost and LightGBM exports and decision-tree tools
 * produce: DataDictionary, TransformationDictionary and LocalTransformations, MiningSchema
 * treatments, TreeModel, RegressionModel, MiningModel segmentations, Targets and Output. A
 * document using anything else fails at load, naming the element and what is supported.
 */
public final class PmmlRuntimeProvider implements ModelRuntimeProvider {

  @Override
  public String format() {
    return "pmml";
  }

  @Override
  public String platform() {
    return PmmlModel.PLATFORM;
  }

  @Override
  public boolean canLoad(Path directory) {
    return PmmlFiles.find(directory).isPresent();
  }

  @Override
  public Model load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    Path file = PmmlFiles.find(spec.directory())
        .orElseThrow(() -> ModelLoadException.of(spec.name(), spec.directory(),
            "expected exactly one PMML file (*.pmml, e.g. model.pmml), found "
                + PmmlFiles.candidates(spec.directory()), null));
    try {
      return new PmmlModel(spec.name(), spec.version(), PmmlDocument.read(file));
    } catch (PmmlException e) {
      throw ModelLoadException.of(spec.name(), file, e.getMessage(), e);
    } catch (IOException e) {
      throw ModelLoadException.of(spec.name(), file, "cannot read: " + e.getMessage(), e);
    }
  }
}
