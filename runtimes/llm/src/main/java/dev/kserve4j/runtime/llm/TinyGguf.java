package dev.kserve4j.runtime.llm;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tiny llama-architecture model as GGUF that llama.cpp loads and runs: 2 layers, 64 wide
 * (4 heads of 16, feed-forward 128), the vocabulary of {@link TinyVocabulary}, a ChatML chat
 * template and F32 weights drawn from {@link SplitMix64} with a fixed seed. The file (about 0.6 MB)
 * is byte-for-byte the same on every run and JDK; the text it generates is nonsense made of
 * readable ASCII, for tests and demos that need a real language model without a download.
 *
 * <p>To keep generated text readable UTF-8, dimension 0 of the residual stream is a constant 1
 * (every token embedding has 1 there and no layer writes to it), and column 0 of the output matrix
 * turns that into a per-token bias that keeps control and byte tokens from being chosen.
 */
public final class TinyGguf {
  /** The file name {@link #write} uses, which the runtime loads from a directory first. */
  public static final String FILE_NAME = "model.gguf";

  /** The SplitMix64 seed of all weights. */
  public static final long SEED = 20261128L;

  static final int LAYERS = 2;
  static final int WIDTH = 64;
  static final int HEADS = 4;
  static final int FEED_FORWARD = 128;
  static final int CONTEXT = 2048;

  static final String CHATML_TEMPLATE =
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
          + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
          + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

  private TinyGguf() {}

  /**
   * Writes {@code dir/model.gguf}, creating {@code dir} when missing, and returns the file's path.
   *
   * @throws UncheckedIOException when the directory or file cannot be written
   */
  public static Path write(Path dir) {
    requireNonNull(dir, "dir");
    Path file = dir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dir);
      Files.write(file, bytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tiny GGUF model to " + file, e);
    }
  }

  /** The model file's content. */
  public static byte[] bytes() {
    TinyVocabulary vocab = new TinyVocabulary();
    GgufWriter gguf =
        new GgufWriter()
            .putString("general.architecture", "llama")
            .putString("general.name", "kserve4j-tiny")
            .putUint32("general.alignment", GgufWriter.ALIGNMENT)
            .putUint32("llama.context_length", CONTEXT)
            .putUint32("llama.embedding_length", WIDTH)
            .putUint32("llama.block_count", LAYERS)
            .putUint32("llama.feed_forward_length", FEED_FORWARD)
            .putUint32("llama.attention.head_count", HEADS)
            .putUint32("llama.attention.head_count_kv", HEADS)
            .putUint32("llama.rope.dimension_count", WIDTH / HEADS)
            .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .putUint32("llama.vocab_size", vocab.size())
            .putString("tokenizer.ggml.model", "llama")
            .putStrings("tokenizer.ggml.tokens", vocab.tokens())
            .putFloats("tokenizer.ggml.scores", vocab.scores())
            .putInts("tokenizer.ggml.token_type", vocab.types())
            .putUint32("tokenizer.ggml.unknown_token_id", TinyVocabulary.UNK)
            .putUint32("tokenizer.ggml.bos_token_id", TinyVocabulary.BOS)
            .putUint32("tokenizer.ggml.eos_token_id", TinyVocabulary.EOS)
            .putBool("tokenizer.ggml.add_bos_token", true)
            .putString("tokenizer.chat_template", CHATML_TEMPLATE);
    TinyWeights weights = new TinyWeights(new SplitMix64(SEED), vocab);
    gguf.addTensor("token_embd.weight", weights.tokenEmbedding(), WIDTH, vocab.size());
    gguf.addTensor("output_norm.weight", weights.ones(WIDTH), WIDTH);
    gguf.addTensor("output.weight", weights.output(), WIDTH, vocab.size());
    for (int layer = 0; layer < LAYERS; layer++) {
      String p = "blk." + layer + ".";
      gguf.addTensor(p + "attn_norm.weight", weights.ones(WIDTH), WIDTH);
      gguf.addTensor(p + "attn_q.weight", weights.matrix(WIDTH, WIDTH, false), WIDTH, WIDTH);
      gguf.addTensor(p + "attn_k.weight", weights.matrix(WIDTH, WIDTH, false), WIDTH, WIDTH);
      gguf.addTensor(p + "attn_v.weight", weights.matrix(WIDTH, WIDTH, false), WIDTH, WIDTH);
      gguf.addTensor(p + "attn_output.weight", weights.matrix(WIDTH, WIDTH, true), WIDTH, WIDTH);
      gguf.addTensor(p + "ffn_norm.weight", weights.ones(WIDTH), WIDTH);
      gguf.addTensor(
          p + "ffn_gate.weight", weights.matrix(FEED_FORWARD, WIDTH, false), WIDTH, FEED_FORWARD);
      gguf.addTensor(
          p + "ffn_down.weight", weights.matrix(WIDTH, FEED_FORWARD, true), FEED_FORWARD, WIDTH);
      gguf.addTensor(
          p + "ffn_up.weight", weights.matrix(FEED_FORWARD, WIDTH, false), WIDTH, FEED_FORWARD);
    }
    return gguf.toBytes();
  }
}
