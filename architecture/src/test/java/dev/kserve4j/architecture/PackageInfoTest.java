package dev.kserve4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package of every module says what it is for, in a {@code package-info.java} javadoc. */
class PackageInfoTest {
  @Test
  void everyMainPackageHasAPackageInfoWithAPurpose() throws IOException {
    List<String> missing = new ArrayList<>();
    int packages = 0;
    for (Path module : Modules.read().declared().values()) {
      Path sources = module.resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> dirs = Files.walk(sources)) {
        for (Path dir :
            dirs.filter(Files::isDirectory).filter(PackageInfoTest::holdsJava).toList()) {
          packages++;
          Path info = dir.resolve("package-info.java");
          if (!Files.isRegularFile(info) || !Files.readString(info).contains("/**")) {
            missing.add(Modules.read().root().relativize(dir).toString());
          }
        }
      }
    }
    assertThat(missing)
        .as("packages without a package-info.java whose javadoc says what the package is for")
        .isEmpty();
    assertThat(packages).as("packages found").isGreaterThan(40);
  }

  private static boolean holdsJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
