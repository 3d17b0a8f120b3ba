package dev.kserve4j.runtime.pmml;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded PMML document answering as KServe's pmmlserver does: each row of the input is scored,
 * and each result field becomes one output of shape {@code [rows]}: the target field first (e.g.
 * {@code Species}), then the final OutputFields in document order (e.g. {@code Probability_setosa},
 * {@code Node_Id}); strings are BYTES, numbers FP64 (integers INT64).
 *
 * <p>Metadata lists one input, {@code input-0} of shape {@code [-1, k]} for the k active fields in
 * MiningSchema order: FP64 when all are numeric, else BYTES (whose elements are converted to each
 * field's type).
 */
final class PmmlModel implements Model {
  static final String PLATFORM = "pmml";
  static final String INPUT = "input-0";

  private final String name;
  private final PmmlDocument document;
  private final List<OutputColumn> columns;
  private final ModelMetadata metadata;

  PmmlModel(String name, String version, PmmlDocument document) {
    this.name = requireNonNull(name, "name");
    this.document = requireNonNull(document, "document");
    List<OutputColumn> cols = new ArrayList<>();
    Target target = document.model().target();
    if (target.name() != null) {
      cols.add(new OutputColumn(target.name(), target.dataType()));
    }
    document
        .model()
        .finalOutputs()
        .forEach(o -> cols.add(new OutputColumn(o.name(), o.dataType())));
    this.columns = List.copyOf(cols);
    boolean numeric = document.inputs().stream().allMatch(f -> f.field().dataType().numeric());
    this.metadata =
        new ModelMetadata(
            name,
            version == null ? List.of() : List.of(version),
            PLATFORM,
            List.of(
                new TensorMetadata(
                    INPUT,
                    numeric ? Datatype.FP64 : Datatype.BYTES,
                    new long[] {-1, document.inputs().size()})),
            columns.stream().map(OutputColumn::metadata).toList());
  }

  @Override
  public V1Predictions v1Predictions() {
    // KServe's pmmlserver answers V1 with one record per row holding every output field.
    return V1Predictions.RECORDS;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    Object[][] rows = RequestRows.read(request, document.inputs());
    Object[][] values = new Object[columns.size()][rows.length];
    try {
      for (int r = 0; r < rows.length; r++) {
        ModelEvaluator.Evaluation evaluation = document.evaluate(rows[r]);
        Map<String, Object> outputs = evaluation.outputs();
        int c = 0;
        if (document.model().target().name() != null) {
          values[c++][r] = evaluation.prediction().value();
        }
        for (; c < columns.size(); c++) {
          values[c][r] = outputs.get(columns.get(c).name());
        }
      }
    } catch (KServeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw KServeException.modelFailure("model '" + name + "': evaluation failed: " + e, e);
    }
    List<Tensor> outputs = new ArrayList<>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      outputs.add(columns.get(c).tensor(values[c]));
    }
    return InferResponse.of(name, outputs);
  }

  @Override
  public void close() {
    // Nothing to release: the document is plain Java objects.
  }
}
