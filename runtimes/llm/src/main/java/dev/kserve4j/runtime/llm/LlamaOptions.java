package dev.kserve4j.runtime.llm;

import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.PoolingType;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The options of a llama.cpp model, read from {@link ModelSpec#options()}; each is checked here
 * because llama.cpp's own argument parser only prints its usage on a bad value.
 *
 * @param contextSize tokens of context of each request (prompt plus completion); option {@code
 *     contextSize}, default 2048. llama.cpp gets {@code contextSize * parallel} in all
 * @param threads CPU threads for generation; option {@code threads}, default: all processors
 * @param parallel generations that run at once (llama.cpp's slots, batched together); option {@code
 *     parallel}, default 4; further requests wait for a free slot
 * @param batchSize the most prompt tokens evaluated in one step; option {@code batchSize}, or empty
 *     for llama.cpp's default (2048)
 * @param embedding load for embeddings instead of generation; option {@code embedding}, default
 *     false
 * @param pooling how token vectors become one embedding: {@code last} (the last token's, for
 *     decoder models), {@code cls} (the first token's) or {@code none}; option {@code pooling}, or
 *     empty for the pooling the model file names (a decoder model that names none needs {@code
 *     last}: else every input gets the first token's vector). {@code mean} is refused: the
 *     llama.cpp of these bindings aborts the whole process on it for llama-architecture models
 *     ({@code GGML_ASSERT(ggml_can_mul_mat(a, b))} while setting up the context)
 * @param verbose let llama.cpp log to standard output; option {@code verbose}, default false
 * @param cachePrompt reuse a slot's cached prompt prefix (llama.cpp's {@code cache_prompt}); option
 *     {@code cachePrompt}, default true. Reuse saves prompt evaluation but evaluates the prompt in
 *     other batches, which can change near-tied logits: false makes greedy output depend on the
 *     request alone
 */
record LlamaOptions(
    int contextSize,
    int threads,
    int parallel,
    Optional<Integer> batchSize,
    boolean embedding,
    Optional<PoolingType> pooling,
    boolean verbose,
    boolean cachePrompt) {

  static final int DEFAULT_CONTEXT = 2048;
  static final int DEFAULT_PARALLEL = 4;

  static LlamaOptions of(ModelSpec spec) {
    return new LlamaOptions(
        positive(spec, "contextSize").orElse(DEFAULT_CONTEXT),
        positive(spec, "threads").orElse(Runtime.getRuntime().availableProcessors()),
        positive(spec, "parallel").orElse(DEFAULT_PARALLEL),
        positive(spec, "batchSize"),
        bool(spec, "embedding"),
        spec.option("pooling").map(v -> pooling(spec, v)),
        bool(spec, "verbose"),
        bool(spec, "cachePrompt", true));
  }

  /** The llama.cpp server arguments for {@code modelFile}. */
  ModelParameters toParameters(String modelFile) {
    ModelParameters p =
        new ModelParameters()
            .setModel(modelFile)
            .setCtxSize(contextSize * parallel)
            .setParallel(parallel)
            .setThreads(threads)
            .setThreadsBatch(threads)
            .enableContBatching();
    batchSize.ifPresent(p::setBatchSize);
    pooling.ifPresent(p::setPoolingType);
    if (embedding) {
      p.enableEmbedding();
    }
    if (!verbose) {
      p.disableLog();
    }
    return p;
  }

  private static Optional<Integer> positive(ModelSpec spec, String key) {
    return spec.option(key)
        .map(
            v -> {
              try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                  return n;
                }
              } catch (NumberFormatException e) {
                // reported below with the expectation
              }
              throw bad(spec, key, v, "an integer >= 1");
            });
  }

  private static boolean bool(ModelSpec spec, String key) {
    return bool(spec, key, false);
  }

  private static boolean bool(ModelSpec spec, String key, boolean otherwise) {
    String v = spec.option(key).orElse(String.valueOf(otherwise)).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(spec, key, spec.options().get(key), "true or false");
    };
  }

  private static PoolingType pooling(ModelSpec spec, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> PoolingType.NONE;
      case "cls" -> PoolingType.CLS;
      case "last" -> PoolingType.LAST;
      default -> throw bad(spec, "pooling", value, "last, cls or none");
    };
  }

  private static ModelLoadException bad(ModelSpec spec, String key, String value, String expected) {
    return new ModelLoadException(
        "model '"
            + spec.name()
            + "': option "
            + key
            + "="
            + value
            + " (expected "
            + expected
            + ")");
  }
}
