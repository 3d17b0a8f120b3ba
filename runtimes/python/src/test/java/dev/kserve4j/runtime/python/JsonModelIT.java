package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * model.py classes as KServe's Python server calls them on V1: the body as the parsed JSON plus the
 * headers, the return value as the body, and exceptions answered as KServe answers them.
 */
class JsonModelIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PythonRuntimeProvider provider = new PythonRuntimeProvider();

  @BeforeAll
  static void needsPython() {
    Required.that(
        TestPython.canImport(TestPython.SYSTEM_PYTHON, "numpy"),
        TestPython.SYSTEM_PYTHON + " cannot import numpy (install Debian's python3-numpy)");
  }

  private PythonModel load(String name) {
    return provider.load(
        new ModelSpec(
            name, null, TestPython.customModel(name), Map.of("python", TestPython.SYSTEM_PYTHON)));
  }

  private static JsonReply call(PythonModel model, String body, Map<String, String> headers) {
    JsonPredictor predictor = model.jsonPredictor().orElseThrow();
    return predictor.predict(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static JsonReply call(PythonModel model, String body) {
    return call(model, body, Map.of("content-type", "application/json"));
  }

  private static String text(JsonReply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  @Test
  void instancesOfObjectsReachTheModelAsADictAndItsDictIsTheBody() {
    try (PythonModel model = load("json-node")) {
      JsonReply reply = call(model, "{\"instances\":[{\"text\":\"hi\"}]}");

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json()).isTrue();
      assertThat(text(reply)).isEqualTo("{\"predictions\":[{\"message\":\"SUCCESS\"}]}");
    }
  }

  @Test
  void anyJsonValueArrivesParsedWithTheHeaders() throws Exception {
    try (PythonModel model = load("json-node")) {
      JsonReply object =
          call(
              model,
              "{\"foo\": 1, \"nested\": {\"ü\": [true, null, 2.5]}}",
              Map.of("content-type", "application/json", "x-trace", "abc"));
      JsonReply list = call(model, "[1, \"two\"]");

      assertThat(JSON.readTree(object.body()))
          .isEqualTo(
              JSON.readTree(
                  "{\"received\": {\"foo\": 1, \"nested\": {\"ü\": [true, null, 2.5]}},"
                      + " \"type\": \"dict\", \"trace\": \"abc\", \"postprocessed\": true}"));
      assertThat(JSON.readTree(list.body()))
          .isEqualTo(
              JSON.readTree(
                  "{\"received\": [1, \"two\"], \"type\": \"list\", \"trace\": null,"
                      + " \"postprocessed\": true}"));
    }
  }

  @Test
  void listsNumbersStringsAndNumpyValuesAreReturnedAsTheyAre() {
    try (PythonModel model = load("json-node")) {
      JsonReply list = call(model, "{\"reply\": [1, {\"a\": \"b\"}]}");
      JsonReply number = call(model, "{\"reply\": 42}");
      JsonReply string = call(model, "{\"reply\": \"plain text\"}");
      JsonReply numpy = call(model, "{\"numpy\": true}");

      assertThat(text(list)).isEqualTo("[1,{\"a\":\"b\"}]");
      assertThat(text(number)).isEqualTo("42");
      assertThat(string.json()).isFalse();
      assertThat(string.contentType()).isEqualTo("text/plain; charset=utf-8");
      assertThat(text(string)).isEqualTo("plain text");
      assertThat(text(numpy)).isEqualTo("{\"array\":[0,1,2],\"mean\":0.5,\"nan\":null}");
    }
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestAndOtherContentTypesArriveAsBytes() throws Exception {
    try (PythonModel model = load("json-node")) {
      JsonReply bad = call(model, "{not json");
      JsonReply bytes = call(model, "raw text", Map.of("content-type", "text/csv"));

      assertThat(bad.status()).isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).get("error").asText())
          .startsWith("Unrecognized request format: ");
      assertThat(JSON.readTree(bytes.body()).get("type").asText()).isEqualTo("bytes");
      assertThat(JSON.readTree(bytes.body()).get("received").asText()).isEqualTo("raw text");
    }
  }

  @Test
  void tensorRequestsStillReachTheSameModelAsAnInferRequest() {
    try (PythonModel model = load("echo")) {
      assertThat(model.jsonPredictor()).isPresent();
      Tensor x = Tensor.ofDoubles("x", new long[] {2}, new double[] {1, 2});
      assertThat(model.predict(InferRequest.of("echo", x)).outputs()).containsExactly(x);
    }
  }

  @Test
  void scikitLearnModelsStayTensorModels() {
    TestPython.assumeSklearn();
    try (PythonModel model =
        new SklearnRuntimeProvider()
            .load(new ModelSpec("iris", TestModels.directory("iris-sklearn-joblib")))) {
      assertThat(model.jsonPredictor()).isEmpty();
    }
  }

  @Test
  void anHttpExceptionIsItsStatusWithDetailAndHeaders() throws Exception {
    try (PythonModel model = load("kserve-errors")) {
      JsonReply teapot =
          call(
              model,
              "{\"raise\": \"http\", \"status\": 422, \"detail\": {\"field\": \"text\"},"
                  + " \"headers\": {\"X-Reason\": \"schema\"}}");
      JsonReply noDetail = call(model, "{\"raise\": \"http\", \"status\": 404}");

      assertThat(teapot.status()).isEqualTo(422);
      assertThat(text(teapot)).isEqualTo("{\"detail\":{\"field\":\"text\"}}");
      assertThat(teapot.headers()).containsEntry("x-reason", "schema");
      assertThat(noDetail.status()).isEqualTo(404);
      assertThat(text(noDetail)).isEqualTo("{\"detail\":\"Not Found\"}");
    }
  }

  static Stream<Arguments> kserveErrors() {
    return Stream.of(
        Arguments.of("invalid", 400, "instances: expected a list of strings"),
        Arguments.of("not-found", 404, "Model with name other-model does not exist."),
        Arguments.of(
            "not-ready", 503, "Model with name kserve-errors is not ready. still warming up"),
        Arguments.of("server-not-ready", 503, "Server is not ready."),
        Arguments.of("unsupported", 501, "Unsupported protocol v3."),
        Arguments.of("inference", 500, "tokenizer failed"),
        Arguments.of("not-implemented", 501, "explain is not implemented"),
        Arguments.of("other", 500, "KeyError : 'other'"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("kserveErrors")
  void kserveErrorClassesAreAnsweredAsKServeAnswersThem(String kind, int status, String error)
      throws Exception {
    try (PythonModel model = load("kserve-errors")) {
      JsonReply reply = call(model, "{\"raise\": \"" + kind + "\"}");

      assertThat(reply.status()).isEqualTo(status);
      assertThat(reply.json()).isTrue();
      assertThat(text(reply)).isEqualTo(JSON.writeValueAsString(Map.of("error", error)));
    }
  }

  @Test
  void loadCalledInTheConstructorIsNotCalledAgain() {
    try (PythonModel model = load("load-in-init")) {
      assertThat(text(call(model, "{}"))).isEqualTo("{\"loads\":1,\"name\":\"load-in-init\"}");
    }
  }

  @Test
  void aModelReadyAfterItsConstructorIsNotLoaded() {
    try (PythonModel model = load("ready-in-init")) {
      assertThat(text(call(model, "{}"))).isEqualTo("{\"greeting\":\"ready\"}");
    }
  }

  @Test
  void aKServeServerScriptLoadsWithKServesFlagsAndTheServedName() throws Exception {
    try (PythonModel model = load("main-block")) {
      JsonReply reply = call(model, "{\"instances\": [\"ann\", \"bob\"]}");

      assertThat(reply.status()).isEqualTo(200);
      assertThat(JSON.readTree(reply.body()))
          .isEqualTo(
              JSON.readTree(
                  "{\"predictions\": [\"hello ann\", \"hello bob\"], \"model_name\":"
                      + " \"main-block\", \"served_as\": \"main-block\", \"workers\": 1,"
                      + " \"protocol\": \"v1\"}"));
    }
  }
}
