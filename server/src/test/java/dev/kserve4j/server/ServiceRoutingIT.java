package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.ModelReadyRequest;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.server.routing.ServiceDirectory;
import dev.kserve4j.server.routing.ServiceRoute;
import dev.kserve4j.testing.TestModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KServe's ingress routing on a real server: by {@code Host} header, by {@code
 * /serving/{namespace}/{name}/} path, and plain requests unchanged.
 */
class ServiceRoutingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INFER =
      "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],"
          + "\"datatype\":\"FP32\",\"data\":[[6.8,2.8,4.8,1.4]]}]}";
  private static final String PREDICT = "{\"instances\":[[6.8,2.8,4.8,1.4]]}";
  private static final String DOMAIN = "example.com";

  /** Two InferenceServices, each serving one model under its own name. */
  private static final ServiceDirectory DIRECTORY =
      new ServiceDirectory() {
        final Map<String, ServiceRoute> byHost =
            Map.of(
                "iris.default.example.com", new ServiceRoute("default", "iris", Set.of("iris")),
                "iris-predictor.default.example.com",
                    new ServiceRoute("default", "iris", Set.of("iris")),
                "flowers.team-a.example.com",
                    new ServiceRoute("team-a", "flowers", Set.of("flowers")));

        @Override
        public Optional<ServiceRoute> byHost(String host) {
          return Optional.ofNullable(byHost.get(host));
        }

        @Override
        public Optional<ServiceRoute> byPath(String namespace, String name) {
          return byHost.values().stream()
              .filter(r -> r.namespace().equals(namespace) && r.name().equals(name))
              .findFirst();
        }

        @Override
        public boolean manages(String host) {
          return host.endsWith("." + DOMAIN);
        }
      };

  private static KServeServer server;
  private static WebClient http;

  @BeforeAll
  static void start() {
    ServerConfig config =
        ServerConfig.defaults(
                List.of(
                    new ModelConfig(
                        "iris", null, TestModels.directory("iris-onnx"), "onnx", Map.of(), null),
                    new ModelConfig(
                        "flowers",
                        null,
                        TestModels.directory("iris-onnx"),
                        "onnx",
                        Map.of(),
                        null)))
            .onEphemeralPorts();
    server =
        KServeServer.start(
            config, ModelRuntimes.discover(ServiceRoutingIT.class.getClassLoader()), DIRECTORY);
    http = WebClient.of("http://127.0.0.1:" + server.httpPort());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static AggregatedHttpResponse send(
      HttpMethod method, String path, String host, String body) {
    com.linecorp.armeria.common.RequestHeadersBuilder headers =
        RequestHeaders.builder(method, path);
    if (host != null) {
      headers.authority(host);
    }
    HttpRequest req =
        body == null
            ? HttpRequest.of(headers.build())
            : HttpRequest.of(
                headers.contentType(MediaType.JSON).build(),
                com.linecorp.armeria.common.HttpData.ofUtf8(body));
    return http.execute(req).aggregate().join();
  }

  private static JsonNode json(AggregatedHttpResponse r) throws Exception {
    return JSON.readTree(r.contentUtf8());
  }

  @Test
  void hostHeaderSelectsTheInferenceService() throws Exception {
    AggregatedHttpResponse r =
        send(HttpMethod.POST, "/v2/models/iris/infer", "iris.default.example.com:8080", INFER);
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(json(r).at("/outputs/0/data").toString()).isEqualTo("[1]");
    assertThat(
            send(
                    HttpMethod.POST,
                    "/v1/models/iris:predict",
                    "iris-predictor.default.example.com",
                    PREDICT)
                .contentUtf8())
        .isEqualTo("{\"predictions\":[1]}");
    // Listing on a service's host shows only its own models, as its own server would.
    // (OpenAI's "object"/"data" next to "models" list only language models: none here.)
    assertThat(
            json(send(HttpMethod.GET, "/v1/models", "flowers.team-a.example.com", null)).toString())
        .isEqualTo("{\"models\":[\"flowers\"],\"object\":\"list\",\"data\":[]}");
  }

  @Test
  void aModelOfAnotherServiceIsNotFoundOnThisHost() throws Exception {
    AggregatedHttpResponse r =
        send(HttpMethod.POST, "/v2/models/flowers/infer", "iris.default.example.com", INFER);
    assertThat(r.status().code()).isEqualTo(404);
    assertThat(json(r).get("error").asText())
        .isEqualTo(
            "model 'flowers' is not served by InferenceService default/iris (it serves [iris])");
  }

  @Test
  void anUnknownHostUnderTheDomainIsNotFound() throws Exception {
    AggregatedHttpResponse r =
        send(HttpMethod.GET, "/v2/models/iris/ready", "nope.default.example.com", null);
    assertThat(r.status().code()).isEqualTo(404);
    assertThat(json(r).get("error").asText())
        .startsWith("no ready InferenceService has host 'nope.default.example.com'");
  }

  @Test
  void pathPrefixSelectsTheInferenceService() throws Exception {
    AggregatedHttpResponse v2 =
        send(HttpMethod.POST, "/serving/team-a/flowers/v2/models/flowers/infer", null, INFER);
    assertThat(v2.status().code()).isEqualTo(200);
    assertThat(json(v2).get("model_name").asText()).isEqualTo("flowers");
    assertThat(
            send(HttpMethod.POST, "/serving/default/iris/v1/models/iris:predict", null, PREDICT)
                .contentUtf8())
        .isEqualTo("{\"predictions\":[1]}");
    assertThat(
            send(HttpMethod.GET, "/serving/default/iris/v2/health/ready", null, null)
                .status()
                .code())
        .isEqualTo(200);
    assertThat(
            send(HttpMethod.GET, "/serving/default/iris/v2/models/flowers", null, null)
                .status()
                .code())
        .isEqualTo(404);
    AggregatedHttpResponse missing =
        send(HttpMethod.GET, "/serving/default/flowers/v2/models/flowers/ready", null, null);
    assertThat(missing.status().code()).isEqualTo(404);
    assertThat(json(missing).get("error").asText())
        .startsWith("no ready InferenceService 'flowers' in namespace 'default'");
  }

  @Test
  void plainRequestsAndOtherHostsAreServedAsBefore() throws Exception {
    assertThat(
            send(HttpMethod.POST, "/v2/models/flowers/infer", "localhost", INFER).status().code())
        .isEqualTo(200);
    assertThat(
            send(HttpMethod.POST, "/v2/models/iris/infer", "10.0.0.7:8080", INFER).status().code())
        .isEqualTo(200);
    assertThat(json(send(HttpMethod.GET, "/v1/models", "localhost", null)).get("models"))
        .hasSize(2);
  }

  @Test
  void grpcIsRoutedByAuthority() {
    GRPCInferenceServiceBlockingStub known =
        GrpcClients.builder("http://127.0.0.1:" + server.grpcPort())
            .setHeader(HttpHeaderNames.AUTHORITY, "iris.default.example.com")
            .build(GRPCInferenceServiceBlockingStub.class)
            .withDeadlineAfter(30, TimeUnit.SECONDS);
    assertThat(known.modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady())
        .isTrue();
    GRPCInferenceServiceBlockingStub unknown =
        GrpcClients.builder("http://127.0.0.1:" + server.grpcPort())
            .setHeader(HttpHeaderNames.AUTHORITY, "nope.default.example.com")
            .build(GRPCInferenceServiceBlockingStub.class)
            .withDeadlineAfter(30, TimeUnit.SECONDS);
    assertThatThrownBy(
            () -> unknown.modelReady(ModelReadyRequest.newBuilder().setName("iris").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .startsWith("no ready InferenceService has host 'nope.default.example.com'");
            });
  }
}
