package dev.kserve4j.server.transform;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The predictor each served model calls when it is a transformer: set by {@code kserve4j serve
 * --predictor-host} for its model, and by a host that serves transformers beside their predictors.
 * A model with transformer stages but no link answers by itself, as before.
 */
public final class PredictorLinks {
  private final Map<String, PredictorLink> links = new ConcurrentHashMap<>();

  /** Model {@code model}'s predictor is reached through {@code link} from now on. */
  public void set(String model, PredictorLink link) {
    links.put(requireNonNull(model, "model"), requireNonNull(link, "link"));
  }

  /** Model {@code model} no longer calls a predictor. */
  public void remove(String model) {
    links.remove(model);
  }

  /** The link of {@code model}, if it has one. */
  public Optional<PredictorLink> find(String model) {
    return Optional.ofNullable(links.get(model));
  }
}
