package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

  @Test
  void defaultsWithAnEmptyEnvironment() {
    StorageConfig config = StorageConfig.fromEnvironment(Map.of("HOME", "/home/u"));

    assertThat(config.cacheDir()).isEqualTo(Path.of("/home/u/.cache/kserve4j/models"));
    assertThat(config.pvcRoot()).isEqualTo(Path.of("/mnt/pvc"));
    assertThat(config.maxUnpackedBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
    assertThat(config.s3().endpoint()).isEmpty();
    assertThat(config.s3().region()).isEqualTo("us-east-1");
    assertThat(config.s3().anonymous()).isFalse();
    assertThat(config.s3().keys()).isEmpty();
    assertThat(config.s3().connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.gcs().endpoint()).isEqualTo(URI.create("https://storage.googleapis.com"));
    assertThat(config.huggingFace().endpoint()).isEqualTo(URI.create("https://huggingface.co"));
    assertThat(config.huggingFace().token()).isEmpty();
    assertThat(config.httpHeaders()).isEmpty();
  }

  @Test
  void readsKServeVariableNames() {
    StorageConfig config =
        StorageConfig.fromEnvironment(
            Map.ofEntries(
                Map.entry("XDG_CACHE_HOME", "/xdg"),
                Map.entry("S3_ENDPOINT", "minio.local:9000"),
                Map.entry("S3_USE_HTTPS", "0"),
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("S3_USER_VIRTUAL_BUCKET", "True"),
                Map.entry("awsAnonymousCredential", "TRUE"),
                Map.entry("AWS_ACCESS_KEY_ID", "id"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "s3cr3t-value"),
                Map.entry("S3_MAX_ATTEMPTS", "5"),
                Map.entry("STORAGE_EMULATOR_HOST", "localhost:4443"),
                Map.entry("HF_TOKEN", "hf_x"),
                Map.entry("models.example.com-headers", "{\"Authorization\":\"Bearer t\"}")));

    assertThat(config.cacheDir()).isEqualTo(Path.of("/xdg/kserve4j/models"));
    assertThat(config.s3().endpoint()).contains(URI.create("http://minio.local:9000"));
    assertThat(config.s3().region()).isEqualTo("eu-west-1");
    assertThat(config.s3().virtualHostedStyle()).isTrue();
    assertThat(config.s3().anonymous()).isTrue();
    assertThat(config.s3().keys())
        .hasValueSatisfying(k -> assertThat(k.accessKeyId()).isEqualTo("id"));
    assertThat(config.s3().maxAttempts()).isEqualTo(5);
    assertThat(config.gcs().endpoint()).isEqualTo(URI.create("http://localhost:4443"));
    assertThat(config.huggingFace().token()).isEqualTo(Optional.of("hf_x"));
    assertThat(config.httpHeaders())
        .containsEntry("models.example.com", Map.of("Authorization", "Bearer t"));
    assertThat(config.s3().keys().orElseThrow().toString()).doesNotContain("s3cr3t-value");
    assertThat(config.huggingFace().toString()).doesNotContain("hf_x");
  }

  @Test
  void awsEndpointUrlAndDefaultRegionWin() {
    StorageConfig config =
        StorageConfig.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL",
                "https://s3.example.com",
                "S3_ENDPOINT",
                "ignored:1",
                "AWS_DEFAULT_REGION",
                "ap-south-1",
                "AWS_REGION",
                "eu-west-1"));

    assertThat(config.s3().endpoint()).contains(URI.create("https://s3.example.com"));
    assertThat(config.s3().region()).isEqualTo("ap-south-1");
  }

  @Test
  void badValuesNameTheVariableAndTheExpectedForm() {
    assertThatThrownBy(
            () -> StorageConfig.fromEnvironment(Map.of("KSERVE4J_MAX_UNPACKED_BYTES", "-1")))
        .isInstanceOf(StorageException.class)
        .hasMessage("KSERVE4J_MAX_UNPACKED_BYTES: '-1' (expected: a whole number > 0)");
    assertThatThrownBy(() -> StorageConfig.fromEnvironment(Map.of("S3_READ_TIMEOUT", "soon")))
        .hasMessage("S3_READ_TIMEOUT: 'soon' (expected: a whole number > 0)");
    assertThatThrownBy(() -> StorageConfig.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "ftp://x")))
        .hasMessage(
            "AWS_ENDPOINT_URL: 'ftp://x' (expected: an http(s) URL such as http://127.0.0.1:9000)");
    assertThatThrownBy(() -> StorageConfig.fromEnvironment(Map.of("host-headers", "[1]")))
        .hasMessage("host-headers: '[1]' is not a JSON object of header names to string values");
  }
}
