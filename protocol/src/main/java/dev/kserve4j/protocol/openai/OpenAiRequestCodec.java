package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the bodies of OpenAI's {@code completions}, {@code chat/completions} and {@code embeddings}
 * requests (OpenAI API reference, "Completions", "Chat", "Embeddings"). Fields this server does not
 * honour (penalties, {@code logit_bias}, tools) are ignored, as OpenAI-compatible servers do; the
 * ones it honours are checked against OpenAI's ranges.
 */
public final class OpenAiRequestCodec {
  /** OpenAI's default {@code max_tokens} for the legacy completions endpoint. */
  public static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool");

  private OpenAiRequestCodec() {}

  public static CompletionRequest completion(byte[] body) {
    RequestFields f = RequestFields.parse(requireNonNull(body, "body"));
    String model = model(f);
    List<String> prompts = f.strings("prompt", Integer.MAX_VALUE, true);
    if (prompts == null) {
      throw RequestFields.invalid("prompt", null, "a string or an array of strings");
    }
    int maxTokens = f.integer("max_tokens", COMPLETIONS_DEFAULT_MAX_TOKENS, 1, Integer.MAX_VALUE);
    SamplingOptions sampling = sampling(f, maxTokens);
    boolean stream = f.bool("stream", false);
    int logprobs = f.integer("logprobs", -1, 0, 5);
    if (f.bool("echo", false)) {
      throw new InvalidParameterException(
          "echo", "echo: true (expected false: echoing the prompt" + " is not supported)");
    }
    return new CompletionRequest(
        model,
        prompts,
        sampling,
        stream,
        includeUsage(f, stream),
        logprobs,
        f.optionalString("user"));
  }

  public static ChatCompletionRequest chat(byte[] body) {
    RequestFields f = RequestFields.parse(requireNonNull(body, "body"));
    String model = model(f);
    List<ChatTurn> messages = messages(f.get("messages"));
    // max_completion_tokens replaces the deprecated max_tokens; either may be sent.
    int maxTokens =
        f.get("max_completion_tokens") != null
            ? f.integer("max_completion_tokens", -1, 1, Integer.MAX_VALUE)
            : f.integer("max_tokens", -1, 1, Integer.MAX_VALUE);
    SamplingOptions sampling = sampling(f, maxTokens);
    boolean stream = f.bool("stream", false);
    boolean logprobs = f.bool("logprobs", false);
    int top = f.integer("top_logprobs", 0, 0, 20);
    if (top > 0 && !logprobs) {
      throw new InvalidParameterException(
          "top_logprobs",
          "top_logprobs: " + top + " (expected it only together with logprobs: true)");
    }
    return new ChatCompletionRequest(
        model,
        messages,
        sampling,
        stream,
        includeUsage(f, stream),
        logprobs,
        top,
        f.optionalString("user"));
  }

  public static EmbeddingsRequest embeddings(byte[] body) {
    RequestFields f = RequestFields.parse(requireNonNull(body, "body"));
    String model = model(f);
    // OpenAI's limit: at most 2048 inputs, none empty.
    List<String> inputs = f.strings("input", 2048, false);
    if (inputs == null) {
      throw RequestFields.invalid("input", null, "a string or an array of at most 2048 strings");
    }
    String format = f.optionalString("encoding_format");
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw RequestFields.invalid(
          "encoding_format", f.get("encoding_format"), "\"float\" or \"base64\"");
    }
    if (f.get("dimensions") != null) {
      throw RequestFields.invalid(
          "dimensions",
          f.get("dimensions"),
          "no dimensions: the model's embeddings have a fixed size");
    }
    return new EmbeddingsRequest(model, inputs, "base64".equals(format), f.optionalString("user"));
  }

  private static String model(RequestFields f) {
    return f.requiredString("model", "the name of a served model");
  }

  private static SamplingOptions sampling(RequestFields f, int maxTokens) {
    double temperature = f.number("temperature", 1.0, 0, false, 2);
    double topP = f.number("top_p", 1.0, 0, true, 1);
    Long seed = f.optionalLong("seed");
    List<String> stop = f.strings("stop", 4, false);
    int n = f.integer("n", 1, 1, 128);
    return new SamplingOptions(
        maxTokens, temperature, topP, seed, stop == null ? List.of() : stop, n);
  }

  private static boolean includeUsage(RequestFields f, boolean stream) {
    JsonNode options = f.get("stream_options");
    if (options == null) {
      return false;
    }
    if (!stream) {
      throw new InvalidParameterException(
          "stream_options",
          "stream_options: "
              + RequestFields.describe(options)
              + " (expected it only together with stream: true)");
    }
    JsonNode include = options.get("include_usage");
    if (!options.isObject() || (include != null && !include.isNull() && !include.isBoolean())) {
      throw RequestFields.invalid(
          "stream_options", options, "an object {\"include_usage\": true or false}");
    }
    return include != null && include.asBoolean();
  }

  private static List<ChatTurn> messages(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw RequestFields.invalid("messages", messages, "a non-empty array of messages");
    }
    List<ChatTurn> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      String at = "messages[" + i + "]";
      JsonNode m = messages.get(i);
      if (!m.isObject()) {
        throw RequestFields.invalid(at, m, "an object with \"role\" and \"content\"");
      }
      JsonNode role = m.get("role");
      if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
        throw RequestFields.invalid(
            at + ".role",
            role,
            "one of \"system\", \"developer\", \"user\", \"assistant\", \"tool\"");
      }
      out.add(
          new ChatTurn(role.asText(), content(m.get("content"), at + ".content", role.asText())));
    }
    return out;
  }

  /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined in order. */
  private static String content(JsonNode content, String at, String role) {
    if (content == null || content.isNull()) {
      if (role.equals("assistant")) {
        return ""; // an assistant turn that only called tools has no content
      }
      throw RequestFields.invalid(at, content, "a string or an array of text parts");
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw RequestFields.invalid(at, content, "a string or an array of text parts");
    }
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      JsonNode type = part.get("type");
      if (type == null || !"text".equals(type.asText()) || !part.path("text").isTextual()) {
        throw RequestFields.invalid(
            at + "[" + j + "]",
            part,
            "a text part {\"type\": \"text\", \"text\": \"...\"}; images and audio are not"
                + " supported");
      }
      text.append(part.get("text").asText());
    }
    return text.toString();
  }
}
