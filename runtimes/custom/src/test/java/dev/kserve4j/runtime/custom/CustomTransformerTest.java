package dev.kserve4j.runtime.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.TransformerStages.Body;
import dev.kserve4j.runtime.TransformerStages.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CustomModel} with its own preprocess and postprocess as KServe's transformer: bodies of
 * either protocol decoded for its steps, its request written in the predictor's protocol, the
 * predictor's answer decoded for postprocess and the result written in the client's protocol.
 */
class CustomTransformerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Scales Celsius readings to Kelvin for the predictor; labels its scores hot or not. */
  public static class Kelvin extends CustomModel {
    @Override
    public void load(ModelSpec spec) {}

    @Override
    public InferRequest preprocess(InferRequest request) {
      double[] c = request.inputs().get(0).doubles();
      double[] k = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        if (c[i] < -273.15) {
          throw KServeException.invalidInput(
              "input 'celsius': " + c[i] + " (expected at least -273.15)");
        }
        k[i] = c[i] + 273.15;
      }
      return request.withInputs(
          List.of(new Tensor("kelvin", Datatype.FP64, request.inputs().get(0).shape(), k)));
    }

    @Override
    public InferResponse predict(InferRequest request) {
      throw new AssertionError("a transformer's predict is not called");
    }

    @Override
    public InferResponse postprocess(InferResponse response, InferRequest request) {
      double[] scores = response.outputs().get(0).doubles();
      byte[][] labels = new byte[scores.length][];
      for (int i = 0; i < scores.length; i++) {
        labels[i] = (scores[i] > 0.5 ? "hot" : "ok").getBytes(StandardCharsets.UTF_8);
      }
      return response.withOutputs(
          List.of(new Tensor("label", Datatype.BYTES, new long[] {labels.length}, labels)));
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata(
          "kelvin",
          List.of(),
          "custom",
          List.of(new TensorMetadata("celsius", Datatype.FP64, new long[] {-1})),
          List.of(new TensorMetadata("score", Datatype.FP64, new long[] {-1})));
    }
  }

  private Model load(String predictorProtocol) {
    return new CustomRuntimeProvider()
        .load(
            new ModelSpec(
                "m",
                null,
                dir,
                Map.of(
                    CustomModel.MODEL_CLASS_OPTION,
                    Kelvin.class.getName(),
                    TransformerStages.PREDICTOR_PROTOCOL_OPTION,
                    predictorProtocol)));
  }

  private static Body body(Protocol protocol, String json) {
    return new Body(protocol, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(JsonReply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  @Test
  void v1ClientV1PredictorRunsBothStepsOnRows() throws Exception {
    try (Model model = load("v1")) {
      TransformerStages stages = model.transformer().orElseThrow();
      Body request = body(Protocol.V1, "{\"instances\": [26.85, -3.15]}");

      JsonReply pre = stages.preprocess(request, Map.of());
      JsonReply post =
          stages.postprocess(body(Protocol.V1, "{\"predictions\": [0.9, 0.1]}"), request, Map.of());

      assertThat(pre.status()).isEqualTo(200);
      assertThat(JSON.readTree(pre.body()))
          .isEqualTo(JSON.readTree("{\"instances\":[300.0,270.0]}"));
      assertThat(text(post)).isEqualTo("{\"predictions\":[\"hot\",\"ok\"]}");
    }
  }

  @Test
  void v2ClientV2PredictorKeepsTheOpenInferenceProtocolObjects() throws Exception {
    try (Model model = load("grpc-v2")) {
      TransformerStages stages = model.transformer().orElseThrow();
      Body request =
          body(
              Protocol.V2,
              "{\"id\":\"r\",\"inputs\":[{\"name\":\"celsius\",\"datatype\":\"FP64\",\"shape\":[1],"
                  + "\"data\":[100.0]}]}");

      JsonReply pre = stages.preprocess(request, Map.of());
      JsonReply post =
          stages.postprocess(
              body(
                  Protocol.V2,
                  "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"score\",\"datatype\":\"FP64\","
                      + "\"shape\":[1],\"data\":[0.7]}]}"),
              request,
              Map.of());

      assertThat(JSON.readTree(pre.body()).get("inputs").get(0).get("name").asText())
          .isEqualTo("kelvin");
      assertThat(JSON.readTree(pre.body()).get("inputs").get(0).get("data").get(0).asDouble())
          .isEqualTo(373.15);
      assertThat(JSON.readTree(post.body()).get("outputs").get(0).get("data").get(0).asText())
          .isEqualTo("hot");
    }
  }

  @Test
  void aFailingStepIsAnAnswerWithTheStatusOfItsKind() {
    try (Model model = load("v1")) {
      JsonReply pre =
          model
              .transformer()
              .orElseThrow()
              .preprocess(body(Protocol.V1, "{\"instances\": [-300]}"), Map.of());

      assertThat(pre.status()).isEqualTo(400);
      assertThat(text(pre))
          .isEqualTo("{\"error\":\"input 'celsius': -300.0 (expected at least -273.15)\"}");
    }
  }

  /** Predicts by itself: no step of its own. */
  public static class Plain extends CustomModel {
    @Override
    public void load(ModelSpec spec) {}

    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of(request.modelName(), request.inputs());
    }

    @Override
    public ModelMetadata metadata() {
      return new Kelvin().metadata();
    }
  }

  @Test
  void aClassWithoutItsOwnStepsIsNoTransformer() {
    try (Model model =
        new CustomRuntimeProvider()
            .load(
                new ModelSpec(
                    "m",
                    null,
                    dir,
                    Map.of(CustomModel.MODEL_CLASS_OPTION, Plain.class.getName())))) {
      assertThat(model.transformer()).isEmpty();
    }
  }
}
