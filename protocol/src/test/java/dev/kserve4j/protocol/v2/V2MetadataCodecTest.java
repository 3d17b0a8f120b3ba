package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of the V2 endpoints other than inference. */
class V2MetadataCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void serverMetadata() throws IOException {
    byte[] json =
        V2MetadataCodec.serverMetadata(
            new ServerMetadata(
                "kserve4j", "0.1.0", List.of("binary_tensor_data", "model_repository")));

    assertThat(MAPPER.readTree(json))
        .isEqualTo(
            MAPPER.readTree(
                """
                {"name":"kserve4j","version":"0.1.0","extensions":["binary_tensor_data","model_repository"]}\
                """));
  }

  @Test
  void modelMetadataKeepsDynamicDimensions() throws IOException {
    byte[] json =
        V2MetadataCodec.modelMetadata(
            new ModelMetadata(
                "iris",
                List.of("1"),
                "xgboost",
                List.of(new TensorMetadata("input-0", Datatype.FP32, new long[] {-1, 4})),
                List.of(new TensorMetadata("output-0", Datatype.INT64, new long[] {-1}))));

    assertThat(MAPPER.readTree(json))
        .isEqualTo(
            MAPPER.readTree(
                """
                {"name":"iris","versions":["1"],"platform":"xgboost",
                 "inputs":[{"name":"input-0","datatype":"FP32","shape":[-1,4]}],
                 "outputs":[{"name":"output-0","datatype":"INT64","shape":[-1]}]}\
                """));
  }

  @Test
  void repositoryIndexOmitsAbsentVersion() throws IOException {
    byte[] json =
        V2MetadataCodec.repositoryIndex(
            List.of(
                new RepositoryEntry("a", "2", "READY", ""),
                new RepositoryEntry("b", null, "UNAVAILABLE", "file not found")));

    assertThat(MAPPER.readTree(json))
        .isEqualTo(
            MAPPER.readTree(
                """
                [{"name":"a","version":"2","state":"READY","reason":""},
                 {"name":"b","state":"UNAVAILABLE","reason":"file not found"}]\
                """));
  }

  @Test
  void indexReadyFlag() {
    assertThat(V2MetadataCodec.decodeIndexReadyFlag(new byte[0])).isFalse();
    assertThat(V2MetadataCodec.decodeIndexReadyFlag(bytes(" \n"))).isFalse();
    assertThat(V2MetadataCodec.decodeIndexReadyFlag(bytes("{}"))).isFalse();
    assertThat(V2MetadataCodec.decodeIndexReadyFlag(bytes("{\"ready\": true}"))).isTrue();
    assertThat(V2MetadataCodec.decodeIndexReadyFlag(bytes("{\"x\":[1],\"ready\":false}")))
        .isFalse();
  }

  @Test
  void indexReadyFlagRejectsNonBooleansAndNonObjects() {
    assertThatThrownBy(() -> V2MetadataCodec.decodeIndexReadyFlag(bytes("{\"ready\": \"yes\"}")))
        .isInstanceOf(KServeException.class)
        .hasMessage("ready: \"yes\" (expected true or false)");
    assertThatThrownBy(() -> V2MetadataCodec.decodeIndexReadyFlag(bytes("[true]")))
        .isInstanceOf(KServeException.class)
        .hasMessage("request body: a list (expected a JSON object such as {\"ready\": true})");
    assertThatThrownBy(() -> V2MetadataCodec.decodeIndexReadyFlag(bytes("{\"ready\":")))
        .isInstanceOf(KServeException.class)
        .hasMessageStartingWith("malformed JSON in the request body at line 1");
  }

  @Test
  void errorAndModelReadyEscapeTheirStrings() throws IOException {
    assertThat(MAPPER.readTree(V2MetadataCodec.error("input 'x': \"bad\"\n")).get("error").asText())
        .isEqualTo("input 'x': \"bad\"\n");
    assertThat(MAPPER.readTree(V2MetadataCodec.modelReady("m\"1", true)))
        .isEqualTo(MAPPER.readTree("{\"name\":\"m\\\"1\",\"ready\":true}"));
  }

  @Test
  void errorMessageReadsTheErrorOrDetailElseTheBody() {
    assertThat(V2MetadataCodec.errorMessage(V2MetadataCodec.error("model m is overloaded")))
        .isEqualTo("model m is overloaded");
    assertThat(V2MetadataCodec.errorMessage(bytes("{\"detail\": \"Not Found\"}")))
        .isEqualTo("Not Found");
    assertThat(V2MetadataCodec.errorMessage(bytes("{\"error\": {\"code\": 7}}")))
        .isEqualTo("{\"code\":7}");
    assertThat(V2MetadataCodec.errorMessage(bytes("upstream connect error")))
        .isEqualTo("upstream connect error");
    assertThat(V2MetadataCodec.errorMessage(bytes(""))).isEmpty();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
