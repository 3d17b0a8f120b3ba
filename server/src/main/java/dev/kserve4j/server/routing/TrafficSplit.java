package dev.kserve4j.server.routing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which repository model answers a requested model name, chosen per request: one model, or several
 * with integer weights (a canary split: each request goes to one of them with probability weight /
 * total). Immutable; {@link #pick} allocates nothing and takes no lock, so it runs on event loops.
 */
public final class TrafficSplit {
  private final String[] models;
  private final int[] cumulative;
  private final int total;

  private TrafficSplit(String[] models, int[] cumulative) {
    this.models = models;
    this.cumulative = cumulative;
    this.total = cumulative[cumulative.length - 1];
  }

  /** Every request to {@code repositoryModel}. */
  public static TrafficSplit to(String repositoryModel) {
    return new TrafficSplit(
        new String[] {requireNonNull(repositoryModel, "repositoryModel")}, new int[] {1});
  }

  /**
   * Requests split by {@code weights} (repository model name to weight, e.g. percents); models with
   * weight 0 get none.
   *
   * @throws IllegalArgumentException when a weight is negative or no weight is positive
   */
  public static TrafficSplit weighted(Map<String, Integer> weights) {
    Map<String, Integer> positive = new LinkedHashMap<>();
    weights.forEach(
        (model, weight) -> {
          if (weight < 0) {
            throw new IllegalArgumentException(
                "weight of '" + model + "': " + weight + " (expected 0 or more)");
          }
          if (weight > 0) {
            positive.put(requireNonNull(model, "model"), weight);
          }
        });
    if (positive.isEmpty()) {
      throw new IllegalArgumentException(
          "weights " + weights + " (expected at least one model with a positive weight)");
    }
    String[] models = positive.keySet().toArray(String[]::new);
    int[] cumulative = new int[models.length];
    int sum = 0;
    for (int i = 0; i < models.length; i++) {
      sum = Math.addExact(sum, positive.get(models[i]));
      cumulative[i] = sum;
    }
    return new TrafficSplit(models, cumulative);
  }

  /** The repository model for one request. */
  public String pick() {
    if (models.length == 1) {
      return models[0];
    }
    int r = ThreadLocalRandom.current().nextInt(total);
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (r < cumulative[i]) {
        return models[i];
      }
    }
    return models[models.length - 1];
  }

  /** The models with their weights, in order. */
  public Map<String, Integer> weights() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < models.length; i++) {
      out.put(models[i], cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrafficSplit other && weights().equals(other.weights());
  }

  @Override
  public int hashCode() {
    return weights().hashCode();
  }

  @Override
  public String toString() {
    return weights().toString();
  }
}
