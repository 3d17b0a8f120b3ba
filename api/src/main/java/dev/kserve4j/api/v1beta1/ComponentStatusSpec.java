package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import dev.kserve4j.api.knative.Addressable;
import java.util.List;
import java.util.Map;

/**
 * The observed state of one component (predictor, transformer, explainer) ({@code
 * status.components[name]}).
 *
 * @param latestReadyRevision the newest revision that became ready
 * @param latestCreatedRevision the newest revision created
 * @param previousRolledoutRevision the revision that served all traffic before the latest rollout
 * @param latestRolledoutRevision the revision that last served all traffic
 * @param traffic the traffic split over revisions
 * @param url the component's URL
 * @param restUrl its REST URL
 * @param grpcUrl its gRPC URL
 * @param address its cluster-local address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentStatusSpec(
    String latestReadyRevision,
    String latestCreatedRevision,
    String previousRolledoutRevision,
    String latestRolledoutRevision,
    List<TrafficTarget> traffic,
    String url,
    String restUrl,
    String grpcUrl,
    Addressable address,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ComponentStatusSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
