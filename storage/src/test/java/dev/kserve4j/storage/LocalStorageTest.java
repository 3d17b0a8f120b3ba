package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code file://}, plain paths and {@code pvc://} are used in place and never cached. */
class LocalStorageTest {
  @TempDir Path work;
  private Path cache;
  private Path models;
  private ModelStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    cache = work.resolve("cache");
    models = Files.createDirectories(work.resolve("models/iris"));
    Files.writeString(models.resolve("model.onnx"), "onnx");
    Files.writeString(
        Files.createDirectories(work.resolve("pvc/claim-a/iris")).resolve("model.bst"), "x");
    storage =
        StorageFixture.storage(cache, Map.of("KSERVE4J_PVC_ROOT", work.resolve("pvc").toString()));
  }

  @AfterEach
  void tearDown() {
    storage.close();
  }

  @Test
  void localUrisAreUsedInPlace() throws IOException {
    assertThat(storage.fetch("file://" + models)).isEqualTo(models);
    assertThat(storage.fetch(models.toString())).isEqualTo(models);
    assertThat(storage.fetch(models.resolve("model.onnx").toString()))
        .isEqualTo(models.resolve("model.onnx"));
    assertThat(storage.fetch("pvc://claim-a/iris")).isEqualTo(work.resolve("pvc/claim-a/iris"));
    assertThat(StorageFixture.cacheContents(cache)).isEmpty();
  }

  @Test
  void missingLocalPathsAreNotFound() {
    Path missing = work.resolve("nope");
    assertThatThrownBy(() -> storage.fetch("file://" + missing))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "storage uri 'file://"
                + missing
                + "': local path "
                + missing
                + " does not exist (expected a model file or directory)")
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> storage.fetch("pvc://claim-b/iris"))
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void pvcPathsCannotClimbOutOfTheRoot() {
    assertThatThrownBy(() -> storage.fetch("pvc://claim-a/../../models/iris"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("would be written outside");
    assertThatThrownBy(() -> storage.fetch("pvc://../models"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("claim name '..' (expected pvc://<claim-name>/<path>)");
  }

  @Test
  void unsupportedSchemeNamesTheSupportedOnes() {
    assertThatThrownBy(() -> storage.fetch("ftp://host/model.onnx"))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "storage uri 'ftp://host/model.onnx': scheme 'ftp' is not supported "
                + "(expected one of [file, gs, hf, http, https, pvc, s3])");
    assertThatThrownBy(() -> storage.fetch(" "))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void closedStorageRefusesFetches() {
    storage.close();
    assertThatThrownBy(() -> storage.fetch(models.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model storage is closed");
  }
}
