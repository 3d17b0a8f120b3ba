package dev.kserve4j.runtime.pmml;

import dev.kserve4j.runtime.pmml.Predicate.Truth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code MiningModel}'s {@code Segmentation} (PMML 4.4 "Multiple Models"): the segments whose
 * predicate is true are scored and combined by {@code multipleModelMethod}.
 *
 * <p>Regression: {@code sum}, {@code average}, {@code weightedAverage}, {@code weightedSum}, {@code
 * median}, {@code max}. Classification: {@code majorityVote} and {@code weightedMajorityVote}
 * (probabilities are the vote shares), {@code average} and {@code weightedAverage} of the segments'
 * probabilities. Both: {@code selectFirst} (the first true segment's prediction) and {@code
 * modelChain} (every true segment in order, each seeing the OutputFields of the ones before; the
 * last one predicts). Segments that predict nothing are skipped. Sums honour {@code
 * mathContext="float"}.
 */
final class SegmentationScorer implements Scorer {
  private static final List<String> REGRESSION =
      List.of(
          "sum",
          "average",
          "weightedAverage",
          "weightedSum",
          "median",
          "max",
          "selectFirst",
          "modelChain");
  private static final List<String> CLASSIFICATION =
      List.of(
          "majorityVote",
          "weightedMajorityVote",
          "average",
          "weightedAverage",
          "selectFirst",
          "modelChain");

  private record Segment(Predicate predicate, double weight, ModelEvaluator model) {}

  private final List<Segment> segments;
  private final String method;
  private final ModelContext context;

  private SegmentationScorer(List<Segment> segments, String method, ModelContext context) {
    this.segments = segments;
    this.method = method;
    this.context = context;
  }

  static SegmentationScorer read(ModelContext context, ModelReader models) {
    XmlElement e = context.element();
    e.onlyChildren(
        List.of("MiningSchema", "Output", "Targets", "LocalTransformations", "Segmentation"));
    XmlElement segmentation =
        e.child("Segmentation").orElseThrow(() -> new PmmlException(e + ": has no Segmentation"));
    segmentation.onlyChildren(List.of("Segment"));
    String method =
        segmentation.choice(
            "multipleModelMethod",
            "",
            context.target().classification() ? CLASSIFICATION : REGRESSION);
    Symbols symbols = context.symbols();
    PredicateReader predicates = new PredicateReader(symbols);
    List<Segment> segments = new ArrayList<>();
    for (XmlElement s : segmentation.children("Segment")) {
      Predicate predicate = predicates.childOf(s);
      List<XmlElement> modelElements =
          s.children().stream().filter(c -> !PredicateReader.isPredicate(c)).toList();
      if (modelElements.size() != 1) {
        throw new PmmlException(
            s
                + ": has "
                + modelElements.size()
                + " models (expected one of "
                + ModelReader.SUPPORTED
                + ")");
      }
      ModelEvaluator model = models.read(modelElements.get(0), symbols);
      if (method.equals("modelChain")) {
        model.outputs().forEach(o -> symbols.define(o.name(), o.dataType()));
      }
      segments.add(new Segment(predicate, s.number("weight", 1), model));
    }
    if (segments.isEmpty()) {
      throw new PmmlException(segmentation + ": has no Segment");
    }
    return new SegmentationScorer(List.copyOf(segments), method, context);
  }

  /** For a {@code modelChain}, the final OutputFields of its last segment; else empty. */
  List<OutputField> chainedOutputs() {
    return method.equals("modelChain")
        ? segments.get(segments.size() - 1).model().finalOutputs()
        : List.of();
  }

  @Override
  public Prediction score(Scope scope) {
    if (method.equals("modelChain")) {
      Prediction last = Prediction.MISSING;
      for (Segment s : segments) {
        if (s.predicate().test(scope) == Truth.TRUE) {
          ModelEvaluator.Evaluation evaluation = s.model().evaluate(scope);
          evaluation.outputs().forEach(scope::put);
          last = evaluation.prediction();
        }
      }
      return last;
    }
    List<Prediction> predictions = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Segment s : segments) {
      if (s.predicate().test(scope) != Truth.TRUE) {
        continue;
      }
      Prediction p = s.model().evaluate(scope).prediction();
      if (method.equals("selectFirst")) {
        return p;
      }
      if (p.value() != null) {
        predictions.add(p);
        weights.add(s.weight());
      }
    }
    if (predictions.isEmpty()) {
      return Prediction.MISSING;
    }
    return context.target().classification()
        ? classify(predictions, weights)
        : Prediction.regression(combine(predictions, weights));
  }

  private double combine(List<Prediction> predictions, List<Double> weights) {
    double[] v = predictions.stream().mapToDouble(p -> (Double) p.value()).toArray();
    double sum = 0;
    double weighted = 0;
    double totalWeight = 0;
    for (int i = 0; i < v.length; i++) {
      sum = context.round(sum + v[i]);
      weighted += weights.get(i) * v[i];
      totalWeight += weights.get(i);
    }
    return switch (method) {
      case "sum" -> sum;
      case "average" -> context.round(sum / v.length);
      case "weightedAverage" -> context.round(weighted / totalWeight);
      case "weightedSum" -> context.round(weighted);
      case "max" -> Arrays.stream(v).max().orElseThrow();
      default -> median(v);
    };
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private Prediction classify(List<Prediction> predictions, List<Double> weights) {
    Map<Object, Double> totals = new LinkedHashMap<>();
    context.target().categories().forEach(c -> totals.put(c, 0.0));
    boolean vote = method.endsWith("ajorityVote");
    boolean weighted = method.startsWith("weighted");
    double total = 0;
    for (int i = 0; i < predictions.size(); i++) {
      double w = weighted ? weights.get(i) : 1;
      total += w;
      Prediction p = predictions.get(i);
      if (vote) {
        totals.merge(p.value(), w, Double::sum);
      } else {
        p.probabilities()
            .forEach((category, prob) -> totals.merge(category, w * prob, Double::sum));
      }
    }
    Map<Object, Double> probabilities = new LinkedHashMap<>();
    for (Map.Entry<Object, Double> entry : totals.entrySet()) {
      probabilities.put(entry.getKey(), entry.getValue() / total);
    }
    return Prediction.classification(probabilities, null, null);
  }
}
