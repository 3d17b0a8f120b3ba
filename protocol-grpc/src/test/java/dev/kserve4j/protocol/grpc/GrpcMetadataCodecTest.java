package dev.kserve4j.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcMetadataCodecTest {

  private final ModelMetadata iris =
      new ModelMetadata(
          "iris",
          List.of("1", "2"),
          "onnxruntime",
          List.of(new TensorMetadata("x", Datatype.FP32, new long[] {-1, 4})),
          List.of(
              new TensorMetadata("label", Datatype.INT64, new long[] {-1}),
              new TensorMetadata("probs", Datatype.FP32, new long[] {-1, 3})));

  @Test
  void encodesModelMetadataFieldByField() {
    ModelMetadataResponse wire = GrpcMetadataCodec.encode(iris);

    assertThat(wire.getName()).isEqualTo("iris");
    assertThat(wire.getVersionsList()).containsExactly("1", "2");
    assertThat(wire.getPlatform()).isEqualTo("onnxruntime");
    assertThat(wire.getInputs(0).getName()).isEqualTo("x");
    assertThat(wire.getInputs(0).getDatatype()).isEqualTo("FP32");
    assertThat(wire.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
    assertThat(wire.getOutputsList())
        .extracting(ModelMetadataResponse.TensorMetadata::getName)
        .containsExactly("label", "probs");
    assertThat(GrpcMetadataCodec.decode(wire)).isEqualTo(iris);
  }

  @Test
  void encodesServerMetadataWithAbsentVersionAsEmpty() {
    ServerMetadataResponse wire =
        GrpcMetadataCodec.encode(new ServerMetadata("kserve4j", null, List.of("model_repository")));

    assertThat(wire.getName()).isEqualTo("kserve4j");
    assertThat(wire.getVersion()).isEmpty();
    assertThat(wire.getExtensionsList()).containsExactly("model_repository");
    assertThat(GrpcMetadataCodec.decode(wire).extensions()).containsExactly("model_repository");
  }

  @Test
  void unknownDatatypeInMetadataIsRejected() {
    ModelMetadataResponse wire =
        ModelMetadataResponse.newBuilder()
            .setName("m")
            .setPlatform("p")
            .addInputs(
                ModelMetadataResponse.TensorMetadata.newBuilder().setName("x").setDatatype("BF16"))
            .build();

    assertThatThrownBy(() -> GrpcMetadataCodec.decode(wire))
        .isInstanceOf(KServeException.class)
        .hasMessageContaining("input 'x' datatype: unknown datatype 'BF16'");
  }
}
