package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * How requests reach the model servers ({@code RouterSpec}): route, gateway or ingress, and the
 * scheduler.
 *
 * @param route the HTTPRoute; absent: no route, the workload Service only
 * @param gateway the Gateways
 * @param ingress the Ingress objects
 * @param scheduler the endpoint picker; absent: plain Service load balancing
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterSpec(
    GatewayRoutesSpec route,
    GatewaySpec gateway,
    IngressSpec ingress,
    SchedulerSpec scheduler,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public RouterSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
