package dev.kserve4j.runtime.pmml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One loaded model element: its local transformations, scorer, target post-processing and outputs.
 * Evaluating it scores a row in a scope nested in the caller's.
 *
 * @param target the predicted field
 * @param replacements the {@code missingValueReplacement} of its MiningFields, by field name
 * @param derived its LocalTransformations
 * @param scorer the algorithm
 * @param targets the Targets post-processing
 * @param outputs its OutputFields, in document order
 * @param chained for a MiningModel whose segments form a {@code modelChain}, the final results of
 *     its last segment, which it returns as its own (as JPMML's nested output fields); else empty
 */
record ModelEvaluator(
    Target target,
    Map<String, Object> replacements,
    Map<String, DerivedField> derived,
    Scorer scorer,
    Targets targets,
    List<OutputField> outputs,
    List<OutputField> chained,
    ModelContext context) {

  /** The prediction and the OutputField values of one row. */
  record Evaluation(Prediction prediction, Map<String, Object> outputs) {}

  Evaluation evaluate(Scope parent) {
    Scope scope = new Scope(parent, derived);
    replacements.forEach(
        (name, value) -> {
          if (scope.get(name) == null) {
            scope.put(name, value);
          }
        });
    for (OutputField field : chained) {
      scope.put(field.name(), null);
    }
    Prediction prediction = targets.apply(scorer.score(scope), context);
    Map<String, Object> values = new LinkedHashMap<>();
    for (OutputField field : outputs) {
      Object v = field.compute(prediction, scope);
      scope.put(field.name(), v);
      values.put(field.name(), v);
    }
    for (OutputField field : chained) {
      values.put(field.name(), scope.get(field.name()));
    }
    return new Evaluation(prediction, values);
  }

  /** The OutputFields a caller receives: final results, own first, then chained ones. */
  List<OutputField> finalOutputs() {
    return Stream.concat(outputs.stream(), chained.stream())
        .filter(OutputField::finalResult)
        .toList();
  }
}
