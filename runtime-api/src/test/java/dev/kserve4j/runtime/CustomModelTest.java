package dev.kserve4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomModelTest {

  /** Doubles the input in preprocess, adds one in predict, negates in postprocess. */
  static class Arithmetic extends CustomModel {
    InferRequest seenByPostprocess;

    @Override
    public void load(ModelSpec spec) {}

    @Override
    public InferRequest preprocess(InferRequest request) {
      double x = request.inputs().get(0).doubles()[0];
      return request.withInputs(
          List.of(Tensor.ofDoubles("x", new long[] {1}, new double[] {x * 2})));
    }

    @Override
    public InferResponse predict(InferRequest request) {
      double x = request.inputs().get(0).doubles()[0];
      return InferResponse.of(
          request.modelName(),
          List.of(Tensor.ofDoubles("y", new long[] {1}, new double[] {x + 1})));
    }

    @Override
    public InferResponse postprocess(InferResponse response, InferRequest request) {
      seenByPostprocess = request;
      double y = response.outputs().get(0).doubles()[0];
      return response.withOutputs(
          List.of(Tensor.ofDoubles("y", new long[] {1}, new double[] {-y})));
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata("arithmetic", List.of(), "custom", List.of(), List.of());
    }
  }

  /** Only the required steps: pre- and postprocessing are the identity. */
  static class Echo extends Arithmetic {
    @Override
    public InferRequest preprocess(InferRequest request) {
      return request;
    }

    @Override
    public InferResponse postprocess(InferResponse response, InferRequest request) {
      return response;
    }
  }

  static InferRequest request(double x) {
    return InferRequest.of("m", Tensor.ofDoubles("x", new long[] {1}, new double[] {x}));
  }

  @Test
  void inferChainsTheStepsInOrderAndPassesTheOriginalRequestToPostprocess() {
    Arithmetic model = new Arithmetic();
    InferRequest original = request(3);

    InferResponse r = model.infer(original);

    assertThat(r.outputs().get(0).doubles()).containsExactly(-7.0);
    assertThat(model.seenByPostprocess).isSameAs(original);
  }

  @Test
  void defaultStepsAreTheIdentityAndBatchingIsOff() {
    CustomModel model =
        new CustomModel() {
          @Override
          public void load(ModelSpec spec) {}

          @Override
          public InferResponse predict(InferRequest request) {
            return InferResponse.of(request.modelName(), request.inputs());
          }

          @Override
          public ModelMetadata metadata() {
            return new ModelMetadata("echo", List.of(), "custom", List.of(), List.of());
          }
        };

    assertThat(model.infer(request(5)).outputs().get(0).doubles()).containsExactly(5.0);
    assertThat(model.batchable()).isFalse();
  }

  @Test
  void aStepReturningNullIsNamed() {
    CustomModel model =
        new Echo() {
          @Override
          public InferRequest preprocess(InferRequest request) {
            return null;
          }
        };

    assertThatThrownBy(() -> model.infer(request(1))).hasMessage("preprocess returned null");
  }
}
