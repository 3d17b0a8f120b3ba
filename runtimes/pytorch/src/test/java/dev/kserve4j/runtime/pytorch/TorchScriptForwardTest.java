package dev.kserve4j.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptForwardTest {
  @Test
  void readsForwardsParametersFromTheArchivesOfTorchJitSave() {
    assertThat(TorchScriptForward.read(model("mlp-torch")))
        .contains(new TorchScriptForward(List.of("x"), 1));
    assertThat(TorchScriptForward.read(model("two-inputs-torch")))
        .contains(new TorchScriptForward(List.of("features", "ids"), 2));
    assertThat(TorchScriptForward.read(model("types-torch")).orElseThrow().parameters())
        .containsExactly("fp32", "fp64", "fp16", "int32", "int64", "int8", "uint8", "boolean");
  }

  @Test
  void parametersWithDefaultsMayBeLeftOutAndNestedTypesAreOneParameter() {
    String code =
        """
        class Other(Module):
          def forward(self: __torch__.Other,
            a: Tensor) -> Tensor:
            return a
        class Net(Module):
          __parameters__ = []
          def forward(self: __torch__.Net,
            x: Tensor,
            pairs: Dict[str, Tuple[Tensor, Tensor]],
            mask: Optional[Tensor]=None) -> Tensor:
            return x
        """;

    assertThat(TorchScriptForward.forward(code, "Net"))
        .contains(new TorchScriptForward(List.of("x", "pairs", "mask"), 2));
    assertThat(TorchScriptForward.forward(code, "Missing")).isEmpty();
  }

  @Test
  void aFileThatIsNotSuchAnArchiveGivesNothing(@TempDir Path dir) throws IOException {
    Path notZip = Files.writeString(dir.resolve("model.pt"), "not a zip");

    assertThat(TorchScriptForward.read(notZip)).isEmpty();
    assertThat(TorchScriptForward.read(dir.resolve("absent.pt"))).isEmpty();
  }

  private static Path model(String name) {
    return TestModels.directory(name).resolve("model.pt");
  }
}
