package dev.kserve4j.runtime.custom;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Codec;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.protocol.v2.V2RequestCodec;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.Predictor;
import dev.kserve4j.runtime.Predictor.PredictorException;
import dev.kserve4j.runtime.TransformerStages;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The predictor of a model started with a predictor host, reached over HTTP with the JDK's client
 * as KServe's {@code Model.predict} reaches {@code --predictor_host}: V1 {@code :predict} for
 * protocol {@code v1}, V2 REST {@code infer} for {@code v2} and {@code grpc-v2}. One client per
 * model (connections are reused), closed with the model; every call is bounded by the timeout.
 */
final class HttpPredictor implements AutoCloseable {
  /** KServe's default {@code --predictor_request_timeout_seconds}. */
  static final int DEFAULT_TIMEOUT_SECONDS = 600;

  private final String name;
  private final URI uri;
  private final boolean v2;
  private final String model;
  private final Duration timeout;
  private final Supplier<ModelMetadata> metadata;
  private final HttpClient client;

  private HttpPredictor(
      String host, String protocol, String model, int timeoutSeconds, Supplier<ModelMetadata> m) {
    this.name = "predictor at " + host;
    this.v2 = !protocol.equals("v1");
    this.model = model;
    String path = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
    this.uri =
        URI.create(
            "http://"
                + host
                + (v2 ? "/v2/models/" + path + "/infer" : "/v1/models/" + path + ":predict"));
    this.timeout = Duration.ofSeconds(timeoutSeconds);
    this.metadata = m;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /**
   * The predictor {@code spec}'s options name ({@link TransformerStages#PREDICTOR_HOST_OPTION}), or
   * empty when they name none.
   *
   * @param metadata the calling model's metadata: V1 answers are read as its first output
   * @throws ModelLoadException for a protocol or timeout option that is not valid
   */
  static Optional<HttpPredictor> of(ModelSpec spec, Supplier<ModelMetadata> metadata) {
    Optional<String> host =
        spec.option(TransformerStages.PREDICTOR_HOST_OPTION)
            .map(String::trim)
            .filter(h -> !h.isEmpty());
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String protocol = spec.option(TransformerStages.PREDICTOR_PROTOCOL_OPTION).orElse("v1");
    List<String> known = List.of("v1", "v2", "grpc-v2");
    if (!known.contains(protocol)) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': option "
              + TransformerStages.PREDICTOR_PROTOCOL_OPTION
              + "="
              + protocol
              + " (expected one of "
              + String.join(", ", known)
              + ")");
    }
    int timeout =
        spec.intOptionAtLeast(
            TransformerStages.PREDICTOR_TIMEOUT_OPTION, DEFAULT_TIMEOUT_SECONDS, 1);
    return Optional.of(new HttpPredictor(host.get(), protocol, spec.name(), timeout, metadata));
  }

  /** A handle for one client call: its request id and trace context go with every request. */
  Predictor forCall(Map<String, String> headers) {
    String[] forwarded =
        TransformerStages.FORWARDED_HEADERS.stream()
            .filter(headers::containsKey)
            .flatMap(h -> Stream.of(h, headers.get(h)))
            .toArray(String[]::new);
    return new Predictor() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public InferResponse predict(InferRequest request) {
        return call(request, forwarded);
      }
    };
  }

  private InferResponse call(InferRequest request, String[] headers) {
    requireNonNull(request, "request");
    byte[] body = v2 ? V2RequestCodec.encode(request) : V1Codec.encodeInstances(request);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new PredictorException(
          504, name + ": no answer within " + timeout.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw new PredictorException(502, name + ": unreachable (" + describe(e) + ")", e);
    } catch (IOException e) {
      throw new PredictorException(502, name + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PredictorException(503, name + ": interrupted while waiting for its answer", e);
    }
    if (answer.statusCode() / 100 != 2) {
      String message = V2MetadataCodec.errorMessage(answer.body());
      throw new PredictorException(
          answer.statusCode() < 400 ? 502 : answer.statusCode(),
          name + ": " + (message.isBlank() ? "HTTP " + answer.statusCode() : message),
          null);
    }
    try {
      return v2
          ? V2RequestCodec.decodeResponse(answer.body(), -1, model)
          : V1Codec.decodePredictions(
              model, answer.body(), CustomStages.first(metadata.get().outputs()));
    } catch (KServeException e) {
      throw new PredictorException(
          502, name + " answered what cannot be read: " + e.getMessage(), e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
