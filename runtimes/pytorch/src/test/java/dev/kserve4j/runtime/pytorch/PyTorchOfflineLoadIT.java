package dev.kserve4j.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts the engine in a JVM of its own (the only test of this run) and shows that libtorch comes
 * out of the class path: no HTTP connection is attempted (every one asks the default {@link
 * ProxySelector} first, which records it here), DJL runs in offline mode, and the libraries are
 * extracted into {@code ENGINE_CACHE_DIR} (set by the build to a folder under {@code target/}), not
 * {@code ~/.djl.ai}.
 */
class PyTorchOfflineLoadIT {

  @Test
  void loadsLibtorchFromTheClassPathWithoutTouchingTheNetwork() throws IOException {
    List<URI> connections = new CopyOnWriteArrayList<>();
    ProxySelector original = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            connections.add(uri);
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    Path home = Path.of(System.getProperty("user.home"), ".djl.ai");
    List<Path> homeBefore = listing(home);
    try (TorchModel model =
        new PyTorchRuntimeProvider()
            .load(new ModelSpec("mlp", TestModels.directory("mlp-torch")))) {
      Tensor out =
          model
              .predict(
                  "mlp",
                  Tensor.ofFloats(
                      "INPUT__0", new long[] {1, 4}, new float[] {5.1f, 3.5f, 1.4f, 0.2f}))
              .outputs()
              .get(0);
      assertThat(out.shape()).containsExactly(1, 3);
    } finally {
      ProxySelector.setDefault(original);
    }

    assertThat(connections).as("HTTP connections attempted").isEmpty();
    assertThat(Utils.isOfflineMode()).isTrue();
    Path cache = Path.of(System.getProperty("ENGINE_CACHE_DIR")).toAbsolutePath();
    Path libtorch = Path.of(LibUtils.getLibtorchPath());
    assertThat(libtorch).startsWith(cache);
    assertThat(libtorch.getFileName().toString()).isEqualTo("2.7.1-20250812-cpu-linux-x86_64");
    assertThat(libtorch.resolve("libtorch_cpu.so")).isRegularFile();
    assertThat(Files.list(libtorch).map(p -> p.getFileName().toString()))
        .contains("0.36.0-libdjl_torch.so", "libc10.so", "libtorch.so");
    assertThat(listing(home)).as("~/.djl.ai").isEqualTo(homeBefore);
  }

  private static List<Path> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }
}
