package dev.kserve4j.modelmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void readsBinaryAndDecimalUnits() {
    assertThat(ByteSize.parse("b", "512MiB")).isEqualTo(512L << 20);
    assertThat(ByteSize.parse("b", "2Gi")).isEqualTo(2L << 30);
    assertThat(ByteSize.parse("b", "1.5GB")).isEqualTo(1_500_000_000L);
    assertThat(ByteSize.parse("b", "800M")).isEqualTo(800_000_000L);
    assertThat(ByteSize.parse("b", "64k")).isEqualTo(64_000L);
    assertThat(ByteSize.parse("b", " 1048576 ")).isEqualTo(1_048_576L);
  }

  @Test
  void refusesWhatIsNotASizeNamingTheFlag() {
    assertThatThrownBy(() -> ByteSize.parse("--model-memory-budget", "lots"))
        .hasMessage(
            "--model-memory-budget: 'lots' is not a size (expected a number of bytes with an"
                + " optional unit, e.g. 512MiB, 2Gi, 1.5GB or 800M)");
    assertThatThrownBy(() -> ByteSize.parse("--model-memory-budget", "0"))
        .hasMessageContaining("expected more than 0 bytes");
    assertThatThrownBy(() -> ByteSize.parse("--model-memory-budget", "-5Mi"))
        .hasMessageContaining("is not a size");
  }

  @Test
  void formatsForMessages() {
    assertThat(ByteSize.format(512)).isEqualTo("512 B");
    assertThat(ByteSize.format(3L << 29)).isEqualTo("1.5 GiB");
  }
}
