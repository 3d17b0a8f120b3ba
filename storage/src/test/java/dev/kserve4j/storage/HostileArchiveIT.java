package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.common.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives crafted to escape the model directory or fill the disk are refused, leaving nothing. */
class HostileArchiveIT {
  /** Small so the zip bomb test stays fast: 1 MiB. */
  private static final long LIMIT = 1 << 20;

  @TempDir Path work;
  private Path cache;
  private TestingHttpServer server;
  private ModelStorage storage;

  @BeforeEach
  void start() throws IOException {
    cache = work.resolve("cache");
    server = new TestingHttpServer();
    storage =
        StorageFixture.storage(cache, Map.of("KSERVE4J_MAX_UNPACKED_BYTES", Long.toString(LIMIT)));
  }

  @AfterEach
  void stop() {
    storage.close();
    server.close();
  }

  private StorageException refused(String name, byte[] archive) {
    server.route("/" + name, TestingHttpServer.bytes("application/octet-stream", archive));
    String uri = server.uri("/" + name).toString();
    StorageException refused =
        (StorageException) org.assertj.core.api.Assertions.catchThrowable(() -> storage.fetch(uri));
    assertThat(refused).as("fetch of %s", name).isNotNull();
    try {
      assertThat(StorageFixture.cacheContents(cache)).as("cache after %s", name).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return refused;
  }

  @Test
  void zipSlipEntryIsRefusedAndNothingIsWrittenOutside() throws IOException {
    StorageException tar =
        refused(
            "slip.tar.gz",
            TestArchives.tarGz().file("ok.txt", "fine").file("../evil", "pwned").build());
    StorageException zip =
        refused("slip.zip", TestArchives.zip().file("a/../../evil", "pwned").build());

    assertThat(tar)
        .hasMessageContaining("archive 'slip.tar.gz' entry '../evil'")
        .hasMessageContaining("outside the model directory");
    assertThat(tar.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(zip).hasMessageContaining("archive 'slip.zip' entry 'a/../../evil'");
    try (var walk = Files.walk(work)) {
      assertThat(walk.filter(p -> p.getFileName().toString().equals("evil"))).isEmpty();
    }
  }

  @Test
  void absoluteEntryIsRefused() throws IOException {
    Path outside = work.resolve("absolute-target");
    StorageException refused =
        refused("abs.tar", TestArchives.tar().file(outside.toString(), "pwned").build());

    assertThat(refused).hasMessageContaining("entry '" + outside + "' is an absolute");
    assertThat(outside).doesNotExist();
  }

  @Test
  void symlinksPointingOutAreRefused() throws IOException {
    StorageException tarAbsolute =
        refused("abs-link.tar", TestArchives.tar().symlink("etc", "/etc").build());
    StorageException tarRelative =
        refused(
            "rel-link.tgz",
            TestArchives.tarGz().directory("d").symlink("d/up", "../../..").build());
    StorageException zip =
        refused("link.zip", TestArchives.zip().symlink("passwd", "../../../../etc/passwd").build());
    StorageException throughLink =
        refused(
            "chain.tar",
            TestArchives.tar()
                .symlink("here", ".")
                .symlink("escape", "here/..")
                .file("escape/evil", "x")
                .build());

    assertThat(tarAbsolute).hasMessageContaining("entry 'etc' is a link to '/etc', outside");
    assertThat(tarRelative).hasMessageContaining("entry 'd/up' is a link to '../../..', outside");
    assertThat(zip).hasMessageContaining("entry 'passwd' is a link to '../../../../etc/passwd'");
    assertThat(throughLink)
        .hasMessageContaining(
            "archive 'chain.tar' entry 'escape/evil' would be"
                + " written through a link that leads outside the model directory");
    assertThat(work.resolve("evil")).doesNotExist();
    assertThat(cache.getParent().resolve("evil")).doesNotExist();
  }

  @Test
  void hardLinkPointingOutIsRefused() throws IOException {
    StorageException refused =
        refused("hard.tar", TestArchives.tar().hardLink("shadow", "../../../etc/shadow").build());

    assertThat(refused)
        .hasMessageContaining("entry 'shadow' is a hard link to '../../../etc/shadow'");
  }

  @Test
  void archiveExpandingBeyondTheLimitIsRefused() throws IOException {
    byte[] zeros = new byte[(int) (LIMIT + LIMIT / 2)];
    byte[] bomb = TestArchives.zip().file("weights.bin", zeros).build();
    assertThat(bomb.length).isLessThan(20_000);

    StorageException refused = refused("bomb.zip", bomb);

    assertThat(refused.kind()).isEqualTo(ErrorKind.TOO_LARGE);
    assertThat(refused)
        .hasMessageContaining(
            "archive 'bomb.zip' expands beyond " + LIMIT + " bytes at entry 'weights.bin'");
  }

  @Test
  void linksInsideTheArchiveAreKept() throws IOException {
    server.route(
        "/ok.tar",
        TestingHttpServer.bytes(
            "application/x-tar",
            TestArchives.tar()
                .file("blobs/abc", "weights")
                .symlink("model.bin", "blobs/abc")
                .hardLink("copy.bin", "blobs/abc")
                .build()));

    Path model = storage.fetch(server.uri("/ok.tar").toString());

    assertThat(Files.isSymbolicLink(model.resolve("model.bin"))).isTrue();
    assertThat(Files.readString(model.resolve("model.bin"))).isEqualTo("weights");
    assertThat(Files.readString(model.resolve("copy.bin"))).isEqualTo("weights");
  }

  @Test
  void corruptArchiveIsRefusedNamingIt() throws IOException {
    StorageException refused = refused("broken.tar.gz", "not gzip at all".getBytes());

    assertThat(refused)
        .hasMessageContaining("archive 'broken.tar.gz' could not be unpacked as tar.gz");
  }
}
