package dev.kserve4j.runtime.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyGgufTest {

  @Test
  void writesTheSameBytesOnEveryRun(@TempDir Path tmp) throws Exception {
    Path first = TinyGguf.write(tmp.resolve("a"));
    Path second = TinyGguf.write(tmp.resolve("b/nested"));

    assertThat(first).hasFileName("model.gguf");
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    assertThat(Files.size(first)).isLessThan(1 << 20);
  }

  @Test
  void startsWithAGgufV3HeaderCountingAllTensorsAndKeys() {
    ByteBuffer header = ByteBuffer.wrap(TinyGguf.bytes()).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(header.getInt()).isEqualTo(0x46554747); // "GGUF" read little-endian
    assertThat(header.getInt()).isEqualTo(3);
    assertThat(header.getLong()).isEqualTo(3 + 9L * TinyGguf.LAYERS);
    assertThat(header.getLong()).isEqualTo(21);
  }

  @Test
  void placesTensorDataOnTheAlignment() {
    byte[] bytes = TinyGguf.bytes();
    int width = TinyGguf.WIDTH;
    int vocab = new TinyVocabulary().size();
    long data =
        4L
            * (2L * width * vocab
                + (long) TinyGguf.LAYERS
                    * (4 * width * width + 3 * width * TinyGguf.FEED_FORWARD + 2 * width)
                + width);

    assertThat(bytes.length % GgufWriter.ALIGNMENT).isZero();
    assertThat(bytes.length).isGreaterThan((int) data);
  }

  @Test
  void splitMix64MatchesTheReferenceSequence() {
    SplitMix64 random = new SplitMix64(0);

    // The first outputs of the reference C implementation (Vigna, splitmix64.c) from seed 0.
    assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(random.nextLong()).isEqualTo(0x06C45D188009454FL);
  }

  @Test
  void vocabularyHasEveryPrefixOfItsWordPieces() {
    TinyVocabulary vocab = new TinyVocabulary();

    assertThat(vocab.tokens())
        .contains(
            "\u2581hello",
            "\u2581hell",
            "\u2581he",
            "\u2581h",
            "A",
            "~",
            "<0x00>",
            "<0xFF>",
            "<|im_end|>");
    assertThat(vocab.tokens().subList(0, TinyVocabulary.FIRST_TEXT))
        .allMatch(t -> t.startsWith("<"));
    assertThat(vocab.tokens()).doesNotHaveDuplicates();
  }
}
