package dev.kserve4j.protocol.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.protocol.grpc.v2.InferParameter;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferParameterCodecTest {

  @Test
  void encodesEachSupportedJavaTypeToItsWireChoice() {
    Map<String, InferParameter> wire =
        InferParameterCodec.encode(
            Map.of(
                "b",
                true,
                "i",
                7,
                "l",
                -8L,
                "f",
                0.5f,
                "d",
                2.25,
                "s",
                "text",
                "u",
                new BigInteger("18446744073709551615")));

    assertThat(wire.get("b").getBoolParam()).isTrue();
    assertThat(wire.get("i").getInt64Param()).isEqualTo(7);
    assertThat(wire.get("l").getInt64Param()).isEqualTo(-8);
    assertThat(wire.get("f").getDoubleParam()).isEqualTo(0.5);
    assertThat(wire.get("d").getDoubleParam()).isEqualTo(2.25);
    assertThat(wire.get("s").getStringParam()).isEqualTo("text");
    assertThat(wire.get("u").getParameterChoiceCase())
        .isEqualTo(InferParameter.ParameterChoiceCase.UINT64_PARAM);
    assertThat(Long.toUnsignedString(wire.get("u").getUint64Param()))
        .isEqualTo("18446744073709551615");
  }

  @Test
  void decodesSmallUint64AsLongAndLargeAsBigInteger() {
    Map<String, Object> decoded =
        InferParameterCodec.decode(
            "request",
            Map.of(
                "small", InferParameter.newBuilder().setUint64Param(5).build(),
                "large", InferParameter.newBuilder().setUint64Param(1L << 63).build()));

    assertThat(decoded)
        .containsEntry("small", 5L)
        .containsEntry("large", new BigInteger("9223372036854775808"));
  }

  @Test
  void valuesWithoutAWireFormAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> InferParameterCodec.encode(Map.of("list", List.of(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter 'list': value [1] of type ")
        .hasMessageContaining("has no InferParameter form");
    assertThatThrownBy(() -> InferParameterCodec.encode(Map.of("neg", BigInteger.valueOf(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter 'neg': value -1 of type BigInteger");
  }
}
