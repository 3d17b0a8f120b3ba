package dev.kserve4j.router.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.router.GraphDefinitionException;
import dev.kserve4j.router.RouterGraph;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which hosts {@code serviceUrl} steps may reach. */
class OutboundGuardTest {
  private static RouterGraph graph(String url) {
    return RouterGraph.fromJson(
        "g",
        "{\"nodes\":{\"root\":{\"routerType\":\"Sequence\",\"steps\":["
            + "{\"serviceName\":\"iris\",\"serviceUrl\":\"http://iris.ml.svc.cluster.local/v1/models/iris:predict\"},"
            + "{\"name\":\"s\",\"serviceUrl\":\""
            + url
            + "\"}]}}}");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "http://iris.ml.svc.cluster.local/v2/models/iris/infer, ''",
    "https://other.ml.svc.cluster.local/x, *.ml.svc.cluster.local",
    "http://10.0.0.7:8080/x, 10.0.0.7:8080",
    "http://10.0.0.7:8080/x, 10.0.0.7",
    "http://Model.Example.COM/x, model.example.com",
  })
  void allowsTheGraphsOwnHostsAndAllowedPatterns(String url, String pattern) {
    OutboundGuard guard = new OutboundGuard(pattern.isEmpty() ? List.of() : List.of(pattern));
    assertThatCode(() -> guard.check(graph(url))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "http://169.254.169.254/latest, *.ml.svc.cluster.local, reaches host \"169.254.169.254\"",
    "http://10.0.0.7:9090/x, 10.0.0.7:8080, reaches host \"10.0.0.7\"",
    "file:///etc/passwd, *, is not an http(s) URL with a host",
    "http://evil.ml.svc.cluster.local.attacker.io/x, *.ml.svc.cluster.local, reaches host",
  })
  void refusesOtherHostsNamingTheStep(String url, String pattern, String message) {
    assertThatThrownBy(() -> new OutboundGuard(List.of(pattern)).check(graph(url)))
        .isInstanceOf(GraphDefinitionException.class)
        .hasMessageContaining("step \"s\" of node \"root\"")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"http://a/b", "''"})
  void aPatternThatIsNotAHostIsRefused(String pattern) {
    assertThatThrownBy(() -> new OutboundGuard(List.of(pattern)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a host pattern");
  }
}
