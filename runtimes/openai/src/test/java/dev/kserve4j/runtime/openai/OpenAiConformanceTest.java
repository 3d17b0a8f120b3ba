package dev.kserve4j.runtime.openai;

import com.sun.net.httpserver.HttpServer;
import dev.kserve4j.testing.conformance.Calls;
import dev.kserve4j.testing.conformance.RuntimeConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * The runtime contract on an upstream model whose engine is a tiny OpenAI-compatible server on a
 * loopback port, answering the load probe's {@code GET /v1/models}.
 */
class OpenAiConformanceTest extends RuntimeConformance {
  private HttpServer upstream;

  @Override
  protected String format() {
    return "openai";
  }

  @Override
  protected Path fixture() {
    try {
      upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      upstream.createContext(
          "/v1/models",
          exchange -> {
            byte[] body =
                "{\"object\":\"list\",\"data\":[{\"id\":\"tiny\",\"object\":\"model\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      upstream.start();
      Path dir = Files.createDirectories(scratch().resolve("upstream"));
      Files.writeString(
          dir.resolve(OpenAiUpstreamProvider.FILE),
          "{\"url\": \"http://127.0.0.1:"
              + upstream.getAddress().getPort()
              + "/v1\", \"model\": \"tiny\"}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  void stopTheUpstream() {
    if (upstream != null) {
      upstream.stop(0);
    }
  }

  @Override
  protected Calls calls() {
    return Calls.forward();
  }
}
