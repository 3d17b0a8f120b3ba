package dev.kserve4j.server.openai;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.runtime.generate.ChatMessage;
import dev.kserve4j.runtime.generate.Embeddings;
import dev.kserve4j.runtime.generate.GeneratedToken;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.Generation.FinishReason;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.runtime.generate.TextGenerator;
import dev.kserve4j.runtime.generate.TokenSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic language model: it "generates" the prompt's words in reverse order, one token per
 * word (each after the first with a leading space), rotated by the seed when sampling ({@code
 * temperature > 0}). Token {@code i} has log-probability {@code -(i + 1) / 10}, with the
 * alternatives {@code word} and {@code "~word"} (one less). It honours {@code maxTokens}, {@code
 * stop} (the text is cut before the stop sequence) and a sink that returns false, and records what
 * it was asked and how far it got.
 *
 * <p>Options: {@code delayMillis} before each token, {@code holdAfterFirstToken} (waits for {@link
 * #release()}), {@code failAfterTokens} (fails with MODEL_FAILURE after that many tokens), {@code
 * chatTemplate=false}, {@code embeddings=false}. The chat template renders each message as {@code
 * [role] content} and ends with {@code [assistant]}.
 */
final class FakeTextGenerator implements TextGenerator {
  private final String name;
  private final long delayMillis;
  private final boolean hold;
  private final int failAfter;
  private final boolean chatTemplate;
  private final boolean embeddings;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean holding = new AtomicBoolean();

  /** Every generation request received, in order. */
  final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();

  /** Tokens handed to the sink by the latest generation. */
  final AtomicInteger lastTokens = new AtomicInteger();

  /** Whether a sink returned false (the client went away). */
  final AtomicBoolean refused = new AtomicBoolean();

  FakeTextGenerator(String name, Map<String, String> options) {
    this.name = name;
    this.delayMillis = Long.parseLong(options.getOrDefault("delayMillis", "0"));
    this.hold = Boolean.parseBoolean(options.getOrDefault("holdAfterFirstToken", "false"));
    this.failAfter = Integer.parseInt(options.getOrDefault("failAfterTokens", "-1"));
    this.chatTemplate = Boolean.parseBoolean(options.getOrDefault("chatTemplate", "true"));
    this.embeddings = Boolean.parseBoolean(options.getOrDefault("embeddings", "true"));
  }

  static List<String> words(String text) {
    String t = text.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }

  /** What this model answers to {@code prompt} with {@code seed} and {@code temperature}. */
  static List<String> answer(String prompt, Long seed, double temperature) {
    List<String> out = new ArrayList<>(words(prompt));
    Collections.reverse(out);
    if (temperature > 0 && seed != null && !out.isEmpty()) {
      Collections.rotate(out, (int) Math.floorMod(seed, (long) out.size()));
    }
    return out;
  }

  void release() {
    release.countDown();
  }

  boolean holding() {
    return holding.get();
  }

  @Override
  public String chatPrompt(List<ChatMessage> messages) {
    if (!chatTemplate) {
      throw KServeException.invalidInput(
          "model '"
              + name
              + "' has no chat template (expected a"
              + " model with one; use completions instead)");
    }
    StringBuilder p = new StringBuilder();
    for (ChatMessage m : messages) {
      p.append('[').append(m.role()).append("] ").append(m.content()).append(' ');
    }
    return p.append("[assistant]").toString();
  }

  @Override
  public Generation generate(GenerationRequest request, TokenSink sink) {
    requests.add(request);
    lastTokens.set(0);
    List<String> answer = answer(request.prompt(), request.seed(), request.temperature());
    int promptTokens = words(request.prompt()).size();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < answer.size(); i++) {
      if (request.maxTokens() != -1 && i >= request.maxTokens()) {
        return new Generation(promptTokens, i, FinishReason.LENGTH);
      }
      if (i == failAfter) {
        throw KServeException.modelFailure(
            "model '" + name + "' failed after " + i + " tokens", null);
      }
      String piece = (i == 0 ? "" : " ") + answer.get(i);
      String candidate = text + piece;
      for (String stop : request.stop()) {
        int at = candidate.indexOf(stop);
        if (at >= 0) {
          if (at > text.length()
              && !emit(sink, candidate.substring(text.length(), at), i, answer.get(i), request)) {
            return new Generation(promptTokens, i + 1, FinishReason.CANCELLED);
          }
          return new Generation(promptTokens, i + (at > text.length() ? 1 : 0), FinishReason.STOP);
        }
      }
      pause();
      if (!emit(sink, piece, i, answer.get(i), request)) {
        return new Generation(promptTokens, i + 1, FinishReason.CANCELLED);
      }
      text.append(piece);
      if (i == 0 && hold) {
        holdUntilReleased();
      }
    }
    return new Generation(promptTokens, answer.size(), FinishReason.STOP);
  }

  private boolean emit(
      TokenSink sink, String piece, int i, String word, GenerationRequest request) {
    double lp = -(i + 1) / 10.0;
    Map<String, Double> top = new LinkedHashMap<>();
    if (request.logprobs() > 0) {
      top.put(word, lp);
      top.put("~" + word, lp - 1);
    }
    lastTokens.incrementAndGet();
    boolean more = sink.accept(new GeneratedToken(piece, lp, top));
    if (!more) {
      refused.set(true);
    }
    return more;
  }

  private void pause() {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KServeException.modelFailure("model '" + name + "' interrupted", e);
      }
    }
  }

  private void holdUntilReleased() {
    holding.set(true);
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw KServeException.modelFailure("model '" + name + "' was never released", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      holding.set(false);
    }
  }

  @Override
  public Embeddings embed(List<String> inputs) {
    if (!embeddings) {
      throw KServeException.unimplemented("model '" + name + "' does not compute embeddings");
    }
    List<float[]> vectors = new ArrayList<>();
    int tokens = 0;
    for (String s : inputs) {
      vectors.add(new float[] {words(s).size(), s.length(), 0.5f});
      tokens += words(s).size();
    }
    return new Embeddings(vectors, tokens);
  }

  @Override
  public int countTokens(String text) {
    return words(text).size();
  }
}
