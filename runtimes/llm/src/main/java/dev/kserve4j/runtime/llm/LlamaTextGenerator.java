package dev.kserve4j.runtime.llm;

import static java.util.Objects.requireNonNull;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text generation and embeddings through llama.cpp's server slots: each {@link #generate} call is
 * one streamed completion task, and llama.cpp decodes the tasks of all busy slots together
 * (continuous batching); a call waits while all slots are busy.
 *
 * <p>Usage counts: prompt tokens are the tokens of the prompt text (llama.cpp may add a BOS token
 * that is not counted); completion tokens are the tokens llama.cpp streamed, one per decoded token
 * (a token that ends inside a multi-byte character arrives together with the next one and is
 * counted with it). The finish reason is {@code LENGTH} when the token budget (the smaller of
 * {@code maxTokens} and the context left after the prompt) was used up, even where the last token
 * happened to complete a stop sequence.
 */
final class LlamaTextGenerator implements TextGenerator {
  private final String name;
  private final LlamaModel llama;
  private final LlamaOptions options;

  LlamaTextGenerator(String name, LlamaModel llama, LlamaOptions options) {
    this.name = name;
    this.llama = llama;
    this.options = options;
  }

  @Override
  public String chatPrompt(List<ChatMessage> messages) {
    requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      throw KServeException.invalidInput("messages: empty (expected at least one message)");
    }
    try {
      return llama.applyTemplate(ChatJson.messages(messages));
    } catch (RuntimeException e) {
      throw KServeException.invalidInput(
          "model '"
              + name
              + "': cannot render the messages with its chat template: "
              + e.getMessage());
    }
  }

  @Override
  public Generation generate(GenerationRequest request, TokenSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    if (options.embedding()) {
      throw KServeException.unimplemented(
          "model '"
              + name
              + "' was loaded for embeddings (option embedding=true) and does not generate text");
    }
    int promptTokens = countTokens(request.prompt());
    int budget = options.contextSize() - promptTokens - 1;
    if (budget < 1) {
      throw KServeException.invalidInput(
          "model '"
              + name
              + "': prompt: "
              + promptTokens
              + " tokens (expected at most "
              + (options.contextSize() - 2)
              + ": the context of a"
              + " request, option contextSize="
              + options.contextSize()
              + ", less the start token and one token to generate)");
    }
    int nPredict = request.maxTokens() == -1 ? budget : Math.min(request.maxTokens(), budget);
    LlamaIterator outputs = start(parameters(request, nPredict));
    int completionTokens = 0;
    try {
      while (outputs.hasNext()) {
        LlamaOutput output = outputs.next();
        if (!outputs.hasNext()) {
          break; // the final result of a streamed task: no text (llama.cpp sent it already), "stop"
        }
        completionTokens++;
        if (output.text.isEmpty()) {
          continue; // an end-of-text token, or text held back while it may start a stop sequence
        }
        if (!sink.accept(token(output, request.logprobs()))) {
          outputs.cancel();
          return new Generation(promptTokens, completionTokens, FinishReason.CANCELLED);
        }
      }
    } catch (RuntimeException e) {
      if (outputs.hasNext()) {
        outputs.cancel();
      }
      throw e instanceof KServeException ke
          ? ke
          : KServeException.modelFailure(
              "model '" + name + "': generation failed: " + e.getMessage(), e);
    }
    FinishReason reason = completionTokens >= nPredict ? FinishReason.LENGTH : FinishReason.STOP;
    return new Generation(promptTokens, completionTokens, reason);
  }

  @Override
  public Embeddings embed(List<String> inputs) {
    requireNonNull(inputs, "inputs");
    if (!options.embedding()) {
      throw KServeException.unimplemented(
          "model '" + name + "' does not embed: load it with option embedding=true for embeddings");
    }
    List<float[]> vectors = new ArrayList<>(inputs.size());
    int tokens = 0;
    for (String input : inputs) {
      tokens += countTokens(input);
      try {
        vectors.add(llama.embed(input));
      } catch (RuntimeException e) {
        throw KServeException.modelFailure(
            "model '" + name + "': embedding failed: " + e.getMessage(), e);
      }
    }
    return new Embeddings(vectors, tokens);
  }

  @Override
  public int countTokens(String text) {
    return llama.encode(requireNonNull(text, "text")).length;
  }

  private InferenceParameters parameters(GenerationRequest request, int nPredict) {
    InferenceParameters p =
        new InferenceParameters(request.prompt())
            .setNPredict(nPredict)
            .setTemperature((float) request.temperature())
            .setTopP((float) request.topP())
            .setCachePrompt(options.cachePrompt());
    if (request.seed() != null) {
      // llama.cpp's seed is a uint32 in which 0xFFFFFFFF means "random": map into the others.
      p.setSeed((int) Math.floorMod(request.seed(), 0xFFFFFFFFL));
    }
    if (!request.stop().isEmpty()) {
      p.setStopStrings(request.stop().toArray(String[]::new));
    }
    if (request.logprobs() > 0) {
      p.setNProbs(request.logprobs());
    }
    return p;
  }

  private LlamaIterator start(InferenceParameters parameters) {
    try {
      return llama.generate(parameters).iterator();
    } catch (RuntimeException e) {
      throw KServeException.modelFailure(
          "model '" + name + "': llama.cpp refused the request: " + e.getMessage(), e);
    }
  }

  private static GeneratedToken token(LlamaOutput output, int logprobs) {
    if (logprobs <= 0 || output.probabilities.isEmpty()) {
      return GeneratedToken.of(output.text);
    }
    Map<String, Double> top = new HashMap<>();
    output.probabilities.forEach((text, p) -> top.put(text, Math.log(p)));
    return new GeneratedToken(output.text, top.get(output.text), top);
  }
}
