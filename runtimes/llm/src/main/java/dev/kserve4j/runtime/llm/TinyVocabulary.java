package dev.kserve4j.runtime.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedSet;

/**
 * The SentencePiece-style vocabulary of {@link TinyGguf}, as llama.cpp's {@code llama} tokenizer
 * reads it ({@code tokenizer.ggml.tokens}, {@code .scores}, {@code .token_type}): five control
 * tokens, the 256 byte-fallback tokens {@code <0xNN>}, the word-boundary mark {@code ▁} (U+2581,
 * which the tokenizer puts for a space), every printable ASCII character, and a few words as {@code
 * ▁word} together with all their prefixes, since the tokenizer only reaches a piece by merging
 * adjacent pieces that are themselves in the vocabulary.
 */
final class TinyVocabulary {
  static final int UNK = 0;
  static final int BOS = 1;
  static final int EOS = 2;
  static final int IM_START = 3;
  static final int IM_END = 4;
  static final int FIRST_BYTE = 5;

  /** The first token that is text (after the control and byte tokens). */
  static final int FIRST_TEXT = FIRST_BYTE + 256;

  // llama_token_type as stored in tokenizer.ggml.token_type
  static final int NORMAL = 1;
  static final int UNKNOWN = 2;
  static final int CONTROL = 3;
  static final int BYTE = 6;

  static final String SPACE = "\u2581";

  private static final List<String> WORDS =
      List.of(
          "the",
          "and",
          "hello",
          "world",
          "model",
          "serve",
          "server",
          "java",
          "llama",
          "kserve",
          "token",
          "text",
          "data",
          "small",
          "fast",
          "test",
          "user",
          "assistant",
          "system",
          "is",
          "of",
          "to",
          "in",
          "it",
          "we",
          "you",
          "a",
          "on",
          "for",
          "with");

  private final List<String> tokens;

  TinyVocabulary() {
    SequencedSet<String> pieces = new LinkedHashSet<>();
    pieces.addAll(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
    for (int b = 0; b < 256; b++) {
      pieces.add(String.format(Locale.ROOT, "<0x%02X>", b));
    }
    pieces.add(SPACE);
    for (char c = '!'; c <= '~'; c++) {
      pieces.add(String.valueOf(c));
    }
    for (String word : WORDS) {
      String piece = SPACE + word;
      for (int end = 2; end <= piece.length(); end++) {
        pieces.add(piece.substring(0, end));
      }
    }
    this.tokens = List.copyOf(new ArrayList<>(pieces));
  }

  List<String> tokens() {
    return tokens;
  }

  int size() {
    return tokens.size();
  }

  /** Merge priorities: longer pieces win, so whole words are preferred to their parts. */
  float[] scores() {
    float[] scores = new float[tokens.size()];
    for (int i = FIRST_TEXT; i < scores.length; i++) {
      scores[i] = tokens.get(i).length();
    }
    return scores;
  }

  int[] types() {
    int[] types = new int[tokens.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = i == UNK ? UNKNOWN : i < FIRST_BYTE ? CONTROL : i < FIRST_TEXT ? BYTE : NORMAL;
    }
    return types;
  }

  /** Whether greedy decoding may produce the token: whole-character text only. */
  boolean isText(int id) {
    return id >= FIRST_TEXT;
  }

  /** Whether the token is a whole word piece (more than one character after the mark). */
  boolean isWordPiece(int id) {
    return isText(id) && tokens.get(id).startsWith(SPACE) && tokens.get(id).length() > 2;
  }
}
