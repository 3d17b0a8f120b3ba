package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.api.v1alpha1.InferenceGraphSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts a graph's {@code serviceUrl} steps may reach. */
class OutboundHostsTest {
  private static InferenceGraphSpec graph(String steps) throws JsonProcessingException {
    return new ObjectMapper()
        .readValue(
            "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":[" + steps + "]}}}",
            InferenceGraphSpec.class);
  }

  private static final String OWN =
      "{\"serviceName\":\"iris\",\"serviceUrl\":"
          + "\"http://iris-predictor.default.svc.cluster.local/v1/models/iris:predict\"}";

  @Test
  void theGraphsOwnServicesAndAllowedPatternsMayBeReached() throws JsonProcessingException {
    OutboundHosts hosts = new OutboundHosts(List.of("*.tools.svc.cluster.local:8080"));
    assertThat(
            hosts.refusals(
                graph(
                    OWN
                        + ",{\"serviceUrl\":\"https://IRIS-predictor.default.svc.cluster.local/x\"}"
                        + ",{\"serviceUrl\":\"http://audit.tools.svc.cluster.local:8080/log\"}"
                        + ",{\"nodeName\":\"root\"}")))
        .isEmpty();
  }

  @Test
  void otherHostsAndNonHttpUrlsAreRefusedNamingTheStep() throws JsonProcessingException {
    OutboundHosts hosts = new OutboundHosts(List.of("*.tools.svc.cluster.local:8080"));
    assertThat(
            hosts.refusals(
                graph(
                    OWN
                        + ",{\"name\":\"meta\",\"serviceUrl\":\"http://169.254.169.254/latest\"}"
                        + ",{\"serviceUrl\":\"http://audit.tools.svc.cluster.local:9090/log\"}"
                        + ",{\"serviceUrl\":\"file:///etc/passwd\"}")))
        .containsExactly(
            "step \"meta\" of node \"root\": serviceUrl http://169.254.169.254/latest reaches host"
                + " \"169.254.169.254\", which is none of the graph's InferenceServices"
                + " [iris-predictor.default.svc.cluster.local] and matches no --allow-host pattern"
                + " [*.tools.svc.cluster.local:8080] (add --allow-host 169.254.169.254 to allow"
                + " it)",
            "step \"2\" of node \"root\": serviceUrl http://audit.tools.svc.cluster.local:9090/log"
                + " reaches host \"audit.tools.svc.cluster.local\", which is none of the graph's"
                + " InferenceServices [iris-predictor.default.svc.cluster.local] and matches no"
                + " --allow-host pattern [*.tools.svc.cluster.local:8080] (add --allow-host"
                + " audit.tools.svc.cluster.local to allow it)",
            "step \"3\" of node \"root\": serviceUrl \"file:///etc/passwd\" is not an http(s) URL"
                + " with a host (expected e.g."
                + " http://model.default.svc.cluster.local/v1/models/model:predict)");
  }

  @Test
  void aPatternThatIsNotAHostIsRefused() {
    assertThatThrownBy(() -> new OutboundHosts(List.of("http://x/y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--allow-host \"http://x/y\" is not a host pattern");
  }
}
