package dev.kserve4j.plan.status;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import java.util.Map;

/**
 * What a host observed of an InferenceService, the input of {@link
 * InferenceServiceStatusComputer#compute}.
 *
 * @param components per component ({@code predictor}, {@code transformer}, {@code explainer}), what
 *     was observed; a component missing here has not reported yet
 * @param canaries per {@code spec.canary[]} variant name, what was observed
 * @param ingress the ingress's outcome in Standard form; in Knative form it is computed (not
 *     created until every component is ready) and this is ignored
 * @param address where the InferenceService is reached once its ingress is ready (Knative form),
 *     given the entry component's status
 */
public record Observed(
    Map<String, ComponentObservation> components,
    Map<String, ComponentObservation> canaries,
    ConditionState ingress,
    AddressRule address) {
  public Observed {
    components = Map.copyOf(components);
    canaries = Map.copyOf(canaries);
    requireNonNull(ingress, "ingress");
    requireNonNull(address, "address");
  }

  /** The InferenceService's {@code url} and {@code address}. */
  public record Address(String url, Addressable address) {}

  /** How the InferenceService's address follows from its entry component's status. */
  @FunctionalInterface
  public interface AddressRule {
    /**
     * @param planUrl the InferenceService's planned URL
     * @param entry the status of the component receiving predict requests
     */
    Address of(String planUrl, ComponentStatusSpec entry);

    /** The planned URL as both URL and address. */
    AddressRule PLANNED = (url, entry) -> new Address(url, new Addressable(url));
  }
}
