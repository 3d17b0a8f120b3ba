package dev.kserve4j.server.openai;

import dev.kserve4j.protocol.openai.Choice;
import dev.kserve4j.protocol.openai.OpenAiResponseCodec;
import dev.kserve4j.protocol.openai.TokenLogprob;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.TokenSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The choices of a completion that is answered whole: each choice's text and log-probabilities
 * gathered by its own sink (on its generation's thread), read once every generation finished.
 */
final class CollectedChoices {
  private final GenerationPlan plan;
  private final BooleanSupplier cancelled;
  private final StringBuilder[] texts;
  private final List<List<TokenLogprob>> logprobs = new ArrayList<>();

  /** Set when a choice failed: the request fails, so the other choices stop early. */
  private final AtomicBoolean abandoned = new AtomicBoolean();

  CollectedChoices(GenerationPlan plan, BooleanSupplier cancelled) {
    this.plan = plan;
    this.cancelled = cancelled;
    int choices = plan.requests().size();
    this.texts = new StringBuilder[choices];
    for (int i = 0; i < choices; i++) {
      texts[i] = new StringBuilder();
      logprobs.add(plan.logprobs() < 0 ? null : new ArrayList<>());
    }
  }

  /** The sink of choice {@code index}: false once the client went away or a sibling failed. */
  TokenSink sink(int index) {
    return token -> {
      if (cancelled.getAsBoolean() || abandoned.get()) {
        return false;
      }
      texts[index].append(token.text());
      List<TokenLogprob> lps = logprobs.get(index);
      if (lps != null && !token.text().isEmpty()) {
        TokenLogprob lp = plan.logprob(token);
        if (lp == null) {
          logprobs.set(index, null); // the model does not report log-probabilities
        } else {
          lps.add(lp);
        }
      }
      return true;
    };
  }

  /** Stops the other choices once one failed. */
  void abandon() {
    abandoned.set(true);
  }

  /** The response body once {@code generations} (one per choice, in order) finished. */
  byte[] body(List<Generation> generations) {
    List<Choice> choices = new ArrayList<>(generations.size());
    for (int i = 0; i < generations.size(); i++) {
      choices.add(
          new Choice(
              i,
              texts[i].toString(),
              GenerationPlan.finishReason(generations.get(i)),
              logprobs.get(i)));
    }
    return OpenAiResponseCodec.completion(plan.head(), choices, plan.usage(generations));
  }
}
