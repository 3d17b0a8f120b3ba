package dev.kserve4j.runtime.pmml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model element with the parts every PMML model shares (MiningSchema, LocalTransformations,
 * Targets, Output) and hands the algorithm to its scorer: TreeModel, RegressionModel or
 * MiningModel, with functionName {@code regression} or {@code classification}.
 */
final class ModelReader {
  static final List<String> SUPPORTED = List.of("TreeModel", "RegressionModel", "MiningModel");

  private final Map<String, DataField> dictionary;

  ModelReader(Map<String, DataField> dictionary) {
    this.dictionary = dictionary;
  }

  ModelEvaluator read(XmlElement e, Symbols parentSymbols) {
    if (!SUPPORTED.contains(e.name())) {
      throw new PmmlException(
          "model element "
              + e
              + " is not supported (supported: "
              + String.join(", ", SUPPORTED)
              + ")");
    }
    String function = e.choice("functionName", "", List.of("regression", "classification"));
    Symbols symbols = new Symbols(parentSymbols);
    XmlElement schema =
        e.child("MiningSchema").orElseThrow(() -> new PmmlException(e + ": has no MiningSchema"));
    schema.onlyChildren(List.of("MiningField"));
    Target target = null;
    Map<String, Object> replacements = new HashMap<>();
    for (XmlElement m : schema.children("MiningField")) {
      MiningField field = MiningField.read(m);
      DataType type = symbols.typeOf(field.name(), m);
      if (field.predicted()) {
        if (target != null) {
          throw new PmmlException(
              schema
                  + ": names two predicted fields, '"
                  + target.name()
                  + "' and '"
                  + field.name()
                  + "' (expected at most one)");
        }
        DataField data = dictionary.get(field.name());
        target =
            new Target(
                field.name(),
                type,
                function.equals("classification"),
                data == null ? List.of() : data.validValues());
      } else if (field.missingValueReplacement().isPresent()) {
        replacements.put(field.name(), type.parse(field.missingValueReplacement().get()));
      }
    }
    if (target == null) {
      target =
          new Target(
              null,
              function.equals("classification") ? DataType.STRING : DataType.DOUBLE,
              function.equals("classification"),
              List.of());
    }
    Map<String, DerivedField> derived =
        e.child("LocalTransformations")
            .map(local -> new ExpressionReader(symbols).derivedFields(local))
            .orElse(Map.of());
    boolean floatMath =
        e.attribute("mathContext")
            .or(() -> e.attribute("x-mathContext"))
            .map("float"::equals)
            .orElse(false);
    ModelContext context = new ModelContext(e, target, symbols, dictionary, floatMath);
    Targets targets =
        e.child("Targets").map(t -> Targets.read(t, context.target())).orElse(Targets.NONE);
    Scorer scorer;
    List<OutputField> chained = List.of();
    switch (e.name()) {
      case "TreeModel" -> scorer = TreeScorer.read(context);
      case "RegressionModel" -> scorer = RegressionScorer.read(context);
      default -> {
        SegmentationScorer segmentation = SegmentationScorer.read(context, this);
        chained = segmentation.chainedOutputs();
        scorer = segmentation;
      }
    }
    List<OutputField> outputs = new ArrayList<>();
    for (XmlElement o : e.child("Output").map(out -> out.children()).orElse(List.of())) {
      if (!o.name().equals("OutputField")) {
        throw new PmmlException(
            "Output: element " + o.name() + " is not supported (supported" + " here: OutputField)");
      }
      outputs.add(OutputField.read(o, target, symbols));
    }
    return new ModelEvaluator(
        target,
        Map.copyOf(replacements),
        derived,
        scorer,
        targets,
        List.copyOf(outputs),
        chained,
        context);
  }
}
