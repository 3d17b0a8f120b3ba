package dev.kserve4j.benchmarks;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;

/**
 * Greedy streamed completions straight through the {@code de.kherud:llama} bindings, with no
 * server: the baseline of the HTTP path.
 *
 * <p>The model is loaded with the llama.cpp arguments the llm runtime gives it for the same options
 * ({@code LlamaOptions.toParameters} in runtimes/llm): the context is {@code contextSize *
 * parallel} shared by {@code parallel} slots with continuous batching, and {@code threads} both for
 * generation and for prompt batches. Tokens are counted as the runtime counts them: every streamed
 * output but the final one, which carries no text.
 */
final class DirectCompletions implements AutoCloseable {
  private final LlamaModel llama;

  DirectCompletions(Path modelFile, int contextSize, int threads, int parallel) {
    this.llama =
        new LlamaModel(
            new ModelParameters()
                .setModel(modelFile.toAbsolutePath().toString())
                .setCtxSize(contextSize * parallel)
                .setParallel(parallel)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .enableContBatching()
                .disableLog());
  }

  /**
   * One completion of at most {@code maxTokens} tokens, temperature 0 and top_p 1 as the server
   * sends.
   */
  CompletionTiming complete(String prompt, int maxTokens) {
    long t0 = System.nanoTime();
    long first = -1;
    int tokens = 0;
    LlamaIterator outputs =
        llama
            .generate(
                new InferenceParameters(prompt)
                    .setNPredict(maxTokens)
                    .setTemperature(0f)
                    .setTopP(1f))
            .iterator();
    while (outputs.hasNext()) {
      LlamaOutput output = outputs.next();
      if (!outputs.hasNext()) {
        break;
      }
      tokens++;
      if (first < 0 && !output.text.isEmpty()) {
        first = System.nanoTime() - t0;
      }
    }
    return new CompletionTiming(first, System.nanoTime() - t0, tokens);
  }

  @Override
  public void close() {
    llama.close();
  }
}
