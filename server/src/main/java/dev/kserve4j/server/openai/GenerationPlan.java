package dev.kserve4j.server.openai;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.openai.ChatCompletionRequest;
import dev.kserve4j.protocol.openai.CompletionRequest;
import dev.kserve4j.protocol.openai.ResponseHead;
import dev.kserve4j.protocol.openai.SamplingOptions;
import dev.kserve4j.protocol.openai.TokenLogprob;
import dev.kserve4j.protocol.openai.Usage;
import dev.kserve4j.runtime.generate.GeneratedToken;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.GenerationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generations one completions or chat request asks for: {@code n} choices per prompt, choice
 * {@code promptIndex * n + i} sampled with seed {@code seed + i}, and how to report them.
 *
 * @param head id, creation time and model of the response
 * @param requests one per choice, in choice order
 * @param n choices per prompt
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param logprobs alternatives to report per token, or -1 for no log-probabilities
 */
record GenerationPlan(
    ResponseHead head,
    List<GenerationRequest> requests,
    int n,
    boolean stream,
    boolean includeUsage,
    int logprobs) {
  GenerationPlan {
    requireNonNull(head, "head");
    requests = List.copyOf(requests);
  }

  static GenerationPlan completion(ResponseHead head, CompletionRequest r) {
    return new GenerationPlan(
        head,
        requests(r.prompts(), r.sampling(), Math.max(r.logprobs(), 0)),
        r.sampling().n(),
        r.stream(),
        r.includeUsage(),
        r.logprobs());
  }

  /** {@code prompt} is the model's chat template applied to the request's messages. */
  static GenerationPlan chat(ResponseHead head, ChatCompletionRequest r, String prompt) {
    return new GenerationPlan(
        head,
        requests(List.of(prompt), r.sampling(), r.topLogprobs()),
        r.sampling().n(),
        r.stream(),
        r.includeUsage(),
        r.logprobs() ? r.topLogprobs() : -1);
  }

  private static List<GenerationRequest> requests(
      List<String> prompts, SamplingOptions s, int top) {
    List<GenerationRequest> out = new ArrayList<>(prompts.size() * s.n());
    for (String prompt : prompts) {
      for (int i = 0; i < s.n(); i++) {
        out.add(
            new GenerationRequest(
                prompt, s.maxTokens(), s.temperature(), s.topP(), s.seedOf(i), s.stop(), top));
      }
    }
    return out;
  }

  /** The token as OpenAI's log-probability entry; null when not asked for or not reported. */
  TokenLogprob logprob(GeneratedToken token) {
    if (logprobs < 0 || token.logprob() == null) {
      return null;
    }
    Map<String, Double> top = new LinkedHashMap<>();
    token.topLogprobs().entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(logprobs)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return new TokenLogprob(token.text(), token.logprob(), top);
  }

  /** Usage over all choices; each prompt's tokens count once, however many choices it has. */
  Usage usage(List<Generation> generations) {
    int prompt = 0;
    int completion = 0;
    for (int i = 0; i < generations.size(); i++) {
      if (i % n == 0) {
        prompt += generations.get(i).promptTokens();
      }
      completion += generations.get(i).completionTokens();
    }
    return new Usage(prompt, completion);
  }

  static String finishReason(Generation g) {
    return g.finishReason() == Generation.FinishReason.LENGTH ? "length" : "stop";
  }
}
