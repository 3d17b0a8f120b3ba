package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DownloadLineTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void bytesUseTheLargestBinaryUnitThatKeepsTheNumberAtLeastOne() {
    assertThat(DownloadLine.bytes(0)).isEqualTo("0 B");
    assertThat(DownloadLine.bytes(1023)).isEqualTo("1023 B");
    assertThat(DownloadLine.bytes(1024)).isEqualTo("1.0 KiB");
    assertThat(DownloadLine.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(DownloadLine.bytes(5 * MIB + MIB / 4)).isEqualTo("5.3 MiB");
    assertThat(DownloadLine.bytes(7 * 1024 * MIB / 2)).isEqualTo("3.5 GiB");
    assertThat(DownloadLine.bytes(3 * 1024 * 1024 * MIB)).isEqualTo("3.0 TiB");
  }

  @Test
  void durationsAreCoarseAndReadable() {
    assertThat(DownloadLine.duration(Duration.ofMillis(999))).isEqualTo("0s");
    assertThat(DownloadLine.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(DownloadLine.duration(Duration.ofSeconds(187))).isEqualTo("3m07s");
    assertThat(DownloadLine.duration(Duration.ofSeconds(7500))).isEqualTo("2h05m");
  }

  @Test
  void barShowsPercentSizesAverageRateEtaAndOtherDownloads() {
    DownloadLine line = new DownloadLine("model.onnx", 5 * MIB, 20 * MIB, Duration.ofSeconds(5));

    assertThat(line.bar(0))
        .isEqualTo("model.onnx  25% [=====               ] 5.0 MiB / 20.0 MiB  1.0 MiB/s  ETA 15s");
    assertThat(line.bar(2)).endsWith("ETA 15s  (+2 more)");
  }

  @Test
  void unknownTotalShowsNoPercentNoBarAndNoEta() {
    DownloadLine line = new DownloadLine("data.bin", 6 * MIB, -1, Duration.ofSeconds(3));

    assertThat(line.bar(0)).isEqualTo("data.bin 6.0 MiB  2.0 MiB/s");
    assertThat(line.plain()).isEqualTo("downloading data.bin: 6.0 MiB of unknown size, 2.0 MiB/s");
  }

  @Test
  void longNamesAreCutFromTheLeftKeepingTheFileName() {
    String name = "very/deep/directory/structure/of/the/model/weights-00001.safetensors";
    String bar = new DownloadLine(name, 0, 10, Duration.ofSeconds(2)).bar(0);

    assertThat(bar).startsWith("...del/weights-00001.safetensors   0% [");
    assertThat(bar.indexOf(' ')).isEqualTo(32);
  }

  @Test
  void summaryOfAFailureSaysHowMuchArrivedOfWhat() {
    DownloadLine line = new DownloadLine("m.bin", MIB, 4 * MIB, Duration.ofSeconds(2));

    assertThat(line.summary(false))
        .isEqualTo("download of m.bin failed after 1.0 MiB of 4.0 MiB in 2s");
    assertThat(line.summary(true)).isEqualTo("downloaded m.bin: 1.0 MiB in 2s (512.0 KiB/s)");
  }
}
