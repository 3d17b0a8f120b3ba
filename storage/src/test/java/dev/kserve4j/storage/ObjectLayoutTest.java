package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.storage.internal.ContainedPath;
import dev.kserve4j.storage.internal.ObjectLayout;
import dev.kserve4j.storage.internal.ObjectLayout.Listed;
import dev.kserve4j.storage.internal.ObjectLayout.Placement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Object names to file names, and the containment check every remote name goes through. */
class ObjectLayoutTest {

  @Test
  void exactObjectWinsAndSiblingPrefixesAreExcluded() {
    List<Listed> listed =
        List.of(
            new Listed("m/a", 1),
            new Listed("m/a/b", 2),
            new Listed("m/ab/c", 3),
            new Listed("m/", 0));

    assertThat(ObjectLayout.place("m/a", listed)).containsExactly(new Placement("m/a", "a", 1));
    assertThat(ObjectLayout.place("m", listed))
        .extracting(Placement::fileName)
        .containsExactly("a", "a/b", "ab/c");
    assertThat(ObjectLayout.place("", listed))
        .extracting(Placement::fileName)
        .containsExactly("m/a", "m/a/b", "m/ab/c");
  }

  @Test
  void remoteNamesMustStayInside() {
    Path root = Path.of("/cache/x");
    assertThat(ContainedPath.resolve(root, "a/./b/../c", "object"))
        .isEqualTo(Path.of("/cache/x/a/c"));
    for (String bad :
        new String[] {"../y", "a/../../y", "/etc/passwd", "C:\\w", "..\\y", "", "."}) {
      assertThatThrownBy(() -> ContainedPath.resolve(root, bad, "object"))
          .as(bad)
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("object '" + bad + "'");
    }
  }

  @Test
  void storageUriSplitsSchemeAuthorityAndPath() {
    StorageUri s3 = StorageUri.parse("S3://bucket//models/m1");
    assertThat(s3.scheme()).isEqualTo("s3");
    assertThat(s3.authority()).isEqualTo("bucket");
    assertThat(s3.path()).isEqualTo("models/m1");
    assertThat(StorageUri.parse("/mnt/models").scheme()).isEqualTo("file");
    assertThat(StorageUri.parse("gs://bucket").path()).isEmpty();
  }
}
