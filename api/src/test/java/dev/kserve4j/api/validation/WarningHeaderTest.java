package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarningHeaderTest {
  @Test
  void formatsAsTheKubernetesApiServerDoes() {
    assertThat(WarningHeader.format("spec.x has no effect"))
        .isEqualTo("299 - \"spec.x has no effect\"");
    assertThat(WarningHeader.format("a \"quoted\" \\ path\nnext"))
        .isEqualTo("299 - \"a \\\"quoted\\\" \\\\ path next\"");
  }

  @Test
  void parsesWhatItFormatsBack() {
    String text = "annotation \"a\\b\" has no effect";
    assertThat(WarningHeader.parse(List.of(WarningHeader.format(text)))).containsExactly(text);
  }

  @Test
  void parsesSeveralValuesAndListsAndDropsDuplicates() {
    assertThat(
            WarningHeader.parse(
                List.of(
                    "299 - \"first\", 299 - \"second\" \"Sat, 01 Jan 2026 00:00:00 GMT\"",
                    "299 - \"first\"",
                    "299 kube-apiserver \"third\"")))
        .containsExactly("first", "second", "third");
  }

  @Test
  void skipsWhatIsNotAWarningOfCode299() {
    assertThat(WarningHeader.parse(List.of("199 - \"misc\"", "garbage", "299 - \"unclosed")))
        .isEmpty();
  }
}
