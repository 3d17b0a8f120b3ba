package dev.kserve4j.runtime.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.generate.ChatMessage;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.Generation.FinishReason;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.runtime.generate.TextGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on the real llama.cpp library and the model {@link TinyGguf} writes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LlamaCppModelIT {
  static final int CONTEXT = 512;
  static final int PARALLEL = 4;
  static final int THREADS = 2;

  Model model;
  TextGenerator generator;
  LlamaModel bindings;

  @BeforeAll
  void load(@TempDir Path dir) {
    Path file = TinyGguf.write(dir);
    model =
        new GgufRuntimeProvider()
            .load(
                new ModelSpec(
                    "tiny",
                    null,
                    dir,
                    Map.of(
                        "contextSize",
                        "" + CONTEXT,
                        "parallel",
                        "" + PARALLEL,
                        "threads",
                        "" + THREADS)));
    generator = model.textGenerator().orElseThrow();
    bindings =
        new LlamaModel(
            new ModelParameters()
                .setModel(file.toString())
                .setCtxSize(CONTEXT * PARALLEL)
                .setParallel(PARALLEL)
                .setThreads(THREADS)
                .setThreadsBatch(THREADS)
                .disableLog());
    // The first completion after a load evaluates without the prompt cache; warm both up alike.
    direct("warm up", 4);
    generate(GenerationRequest.greedy("warm up", 4));
  }

  @AfterAll
  void close() {
    if (model != null) {
      model.close();
    }
    if (bindings != null) {
      bindings.close();
    }
  }

  @Test
  void greedyGenerationEqualsTheBindingsTokenForToken() {
    for (String prompt : List.of("hello world", "the model is", "<|im_start|>user\nhi")) {
      List<String> tokens = new ArrayList<>();
      Generation g =
          generator.generate(GenerationRequest.greedy(prompt, 48), t -> tokens.add(t.text()));

      assertThat(tokens).as(prompt).isEqualTo(direct(prompt, 48)).hasSize(48);
      assertThat(g)
          .isEqualTo(new Generation(bindings.encode(prompt).length, 48, FinishReason.LENGTH));
    }
    assertThat(String.join("", direct("hello world", 48))).matches("[ -~]+");
  }

  @Test
  void fourConcurrentGreedyGenerationsEachEqualTheirTextAlone() throws Exception {
    List<String> prompts = List.of("hello", "the model", "java is", "small data");
    List<String> alone = prompts.stream().map(p -> text(GenerationRequest.greedy(p, 200))).toList();
    long[] firstToken = new long[prompts.size()];
    long[] finished = new long[prompts.size()];
    CyclicBarrier start = new CyclicBarrier(prompts.size());

    try (ExecutorService pool = Executors.newFixedThreadPool(prompts.size())) {
      List<Future<String>> together = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        int n = i;
        together.add(
            pool.submit(
                () -> {
                  StringBuilder text = new StringBuilder();
                  start.await(60, TimeUnit.SECONDS);
                  generator.generate(
                      GenerationRequest.greedy(prompts.get(n), 200),
                      t -> {
                        if (text.isEmpty()) {
                          firstToken[n] = System.nanoTime();
                        }
                        text.append(t.text());
                        return true;
                      });
                  finished[n] = System.nanoTime();
                  return text.toString();
                }));
      }
      for (int i = 0; i < prompts.size(); i++) {
        assertThat(together.get(i).get(120, TimeUnit.SECONDS))
            .as(prompts.get(i))
            .isEqualTo(alone.get(i));
      }
    }
    // In llama.cpp's slots the four ran side by side: each had begun before any had finished.
    assertThat(Arrays.stream(firstToken).max().orElseThrow())
        .isLessThan(Arrays.stream(finished).min().orElseThrow());
  }

  @Test
  void stopSequenceCutsTheTextBeforeItsFirstOccurrence() {
    String full = text(GenerationRequest.greedy("hello world", 60));
    String stop = full.substring(20, 24);
    List<String> tokens = new ArrayList<>();

    Generation g =
        generator.generate(
            new GenerationRequest("hello world", 60, 0, 1, null, List.of(stop), 0),
            t -> tokens.add(t.text()));

    assertThat(String.join("", tokens)).isEqualTo(full.substring(0, full.indexOf(stop)));
    assertThat(g.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(g.completionTokens()).isLessThan(60);
  }

  @Test
  void maxTokensEndsWithLength() {
    List<String> tokens = new ArrayList<>();

    Generation g =
        generator.generate(GenerationRequest.greedy("java", 7), t -> tokens.add(t.text()));

    assertThat(tokens).hasSize(7);
    assertThat(g.completionTokens()).isEqualTo(7);
    assertThat(g.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void aSinkThatGoesAwayStopsTheGenerationAndFreesItsSlot() {
    String reference = text(GenerationRequest.greedy("kserve", 16));
    for (int i = 0; i < 2 * PARALLEL; i++) {
      int[] seen = {0};
      long start = System.nanoTime();

      Generation g =
          generator.generate(
              new GenerationRequest("kserve", -1, 0, 1, null, List.of(), 0), t -> ++seen[0] < 3);

      assertThat(g.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(g.completionTokens()).isEqualTo(3);
      assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
    assertThat(text(GenerationRequest.greedy("kserve", 16))).isEqualTo(reference);
  }

  @Test
  void sampledGenerationWithASeedIsRepeatable() {
    GenerationRequest sampled = new GenerationRequest("the", 24, 1.5, 0.95, 42L, List.of(), 0);

    assertThat(text(sampled))
        .isEqualTo(text(sampled))
        .isNotEqualTo(text(GenerationRequest.greedy("the", 24)));
  }

  @Test
  void chatPromptRendersChatMl() {
    String prompt =
        generator.chatPrompt(
            List.of(
                new ChatMessage("system", "be brief"), new ChatMessage("user", "say \"hi\"\n")));

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nbe brief<|im_end|>\n"
                + "<|im_start|>user\nsay \"hi\"\n<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void countsTokensWithoutSpecialTokens() {
    assertThat(generator.countTokens("hello world")).isEqualTo(2); // "▁hello", "▁world"
    assertThat(generator.countTokens("hello world!")).isEqualTo(3);
  }

  @Test
  void aPromptLongerThanTheContextIsInvalidInput() {
    String prompt = "hello world ".repeat(CONTEXT).trim();

    assertThatThrownBy(() -> generator.generate(GenerationRequest.greedy(prompt, 4), t -> true))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("prompt: " + 2 * CONTEXT + " tokens")
        .hasMessageContaining("contextSize=" + CONTEXT);
    assertThat(text(GenerationRequest.greedy("java", 4))).isNotEmpty();
  }

  @Test
  void v2InferAndEmbeddingsAreUnimplementedForAGenerator() {
    assertThatThrownBy(() -> model.predict(InferRequest.of("tiny")))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNIMPLEMENTED))
        .hasMessageContaining("model 'tiny' is a text generator")
        .hasMessageContaining("/openai/v1/completions");
    assertThatThrownBy(() -> generator.embed(List.of("hello")))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNIMPLEMENTED))
        .hasMessageContaining("option embedding=true");
  }

  @Test
  void anEmbeddingInstanceGivesOneNormalizedVectorOfTheModelWidthPerInput(@TempDir Path tmp) {
    TinyGguf.write(tmp);
    try (Model embedder =
        new GgufRuntimeProvider()
            .load(
                new ModelSpec(
                    "embed",
                    null,
                    tmp,
                    Map.of(
                        "embedding",
                        "true",
                        "pooling",
                        "last",
                        "contextSize",
                        "256",
                        "threads",
                        "2")))) {
      TextGenerator embeddings = embedder.textGenerator().orElseThrow();

      var result = embeddings.embed(List.of("hello world", "the model is fast", "hello world"));

      assertThat(result.vectors())
          .hasSize(3)
          .allSatisfy(v -> assertThat(v).hasSize(TinyGguf.WIDTH));
      assertThat(result.vectors().get(0))
          .isEqualTo(result.vectors().get(2))
          .isNotEqualTo(result.vectors().get(1));
      double norm = 0;
      for (float x : result.vectors().get(1)) {
        norm += x * x;
      }
      assertThat(norm).isCloseTo(1.0, within(1e-4));
      assertThat(result.promptTokens()).isEqualTo(2 + 4 + 2);
      assertThatThrownBy(() -> embeddings.generate(GenerationRequest.greedy("hi", 2), t -> true))
          .hasMessageContaining("was loaded for embeddings (option embedding=true)");
    }
  }

  @Test
  void aCorruptOrTruncatedFileFailsNamingTheFile(@TempDir Path tmp) throws Exception {
    Path garbage = Files.createDirectories(tmp.resolve("garbage")).resolve("model.gguf");
    Files.writeString(garbage, "this is not a GGUF file");
    Path truncated = Files.createDirectories(tmp.resolve("truncated")).resolve("model.gguf");
    Files.write(truncated, Arrays.copyOf(TinyGguf.bytes(), 100_000));

    for (Path file : List.of(garbage, truncated)) {
      ModelSpec spec = new ModelSpec("bad", file.getParent());
      assertThatThrownBy(() -> new GgufRuntimeProvider().load(spec))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageStartingWith("model 'bad': cannot load " + file + ": llama.cpp cannot load");
    }
  }

  private String text(GenerationRequest request) {
    StringBuilder text = new StringBuilder();
    generator.generate(request, t -> text.append(t.text()) != null);
    return text.toString();
  }

  private Generation generate(GenerationRequest request) {
    return generator.generate(request, t -> true);
  }

  /** Greedy generation through the bindings alone: the text of each token, without the end. */
  private List<String> direct(String prompt, int nPredict) {
    List<String> texts = new ArrayList<>();
    for (LlamaOutput output :
        bindings.generate(
            new InferenceParameters(prompt).setTemperature(0).setNPredict(nPredict))) {
      texts.add(output.text);
    }
    assertThat(texts.removeLast()).isEmpty();
    return texts;
  }
}
