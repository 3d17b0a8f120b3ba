package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gRPC message that is not valid protobuf is bad input (INVALID_ARGUMENT), not a server fault.
 */
class GrpcMalformedMessageIT {
  private static KServeServer server;

  @BeforeAll
  static void start() {
    server =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(ModelConfig.of("iris", TestModels.directory("iris-onnx"))))
                .onEphemeralPorts(),
            ModelRuntimes.discover(GrpcMalformedMessageIT.class.getClassLoader()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String grpcStatus(AggregatedHttpResponse r, String name) {
    String v = r.trailers().get(name);
    return v != null ? v : r.headers().get(name);
  }

  @Test
  void garbageBytesGetInvalidArgumentAndTheServerKeepsServing() {
    for (int port : new int[] {server.grpcPort(), server.httpPort()}) {
      WebClient client = WebClient.of("h2c://127.0.0.1:" + port);
      // gRPC framing: not compressed, length 5, then five bytes that are no protobuf message.
      byte[] frame = {
        0, 0, 0, 0, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff
      };
      RequestHeaders headers =
          RequestHeaders.builder(HttpMethod.POST, "/inference.GRPCInferenceService/ModelInfer")
              .contentType(MediaType.parse("application/grpc"))
              .add("te", "trailers")
              .build();
      AggregatedHttpResponse r =
          client
              .execute(HttpRequest.of(headers, com.linecorp.armeria.common.HttpData.wrap(frame)))
              .aggregate()
              .join();
      assertThat(grpcStatus(r, "grpc-status")).isEqualTo("3"); // INVALID_ARGUMENT
      assertThat(grpcStatus(r, "grpc-message"))
          .contains("ModelInfer")
          .contains("not valid protobuf");
      AggregatedHttpResponse ready =
          WebClient.of("http://127.0.0.1:" + server.httpPort())
              .get("/v2/models/iris/ready")
              .aggregate()
              .join();
      assertThat(ready.status().code()).isEqualTo(200);
    }
  }
}
