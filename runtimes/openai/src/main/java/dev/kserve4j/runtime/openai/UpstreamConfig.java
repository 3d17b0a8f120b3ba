package dev.kserve4j.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of an upstream model: {@code upstream.json} in the model directory, then the model's
 * options of the same names.
 *
 * @param upstream where requests go ({@code url}: the API root such as {@code http://host:8000/v1};
 *     {@code model}: the upstream's model name, default the served name; {@code timeoutSeconds},
 *     default 60; {@code apiKey}, default none)
 * @param probe whether loading checks that the upstream answers {@code GET {url}/models} and lists
 *     the model ({@code probe}, default true)
 */
record UpstreamConfig(OpenAiUpstream upstream, boolean probe) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static UpstreamConfig read(ModelSpec spec) {
    JsonNode file = file(spec);
    String url =
        setting(spec, file, "url")
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "model '"
                            + spec.name()
                            + "': no upstream url (expected \"url\" in "
                            + OpenAiUpstreamProvider.FILE
                            + " or the option url, e.g. http://127.0.0.1:8000/v1)"));
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(
          "model '" + spec.name() + "': url '" + url + "' is not a URI (" + e.getMessage() + ")");
    }
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())
        || base.getHost() == null) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': url '"
              + url
              + "' (expected an http:// or https:// URL with a host, e.g."
              + " http://127.0.0.1:8000/v1)");
    }
    String model = setting(spec, file, "model").orElse(spec.name());
    long timeout =
        setting(spec, file, "timeoutSeconds")
            .map(v -> positive(spec, "timeoutSeconds", v))
            .orElse(60L);
    String apiKey = setting(spec, file, "apiKey").orElse(null);
    boolean probe = setting(spec, file, "probe").map(Boolean::parseBoolean).orElse(true);
    return new UpstreamConfig(
        new OpenAiUpstream(base, model, Duration.ofSeconds(timeout), apiKey), probe);
  }

  private static JsonNode file(ModelSpec spec) {
    Path path = spec.directory().resolve(OpenAiUpstreamProvider.FILE);
    if (!Files.isRegularFile(path)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(path.toFile());
      if (node == null || !node.isObject()) {
        throw new ModelLoadException(
            "model '"
                + spec.name()
                + "': "
                + path
                + " is not a JSON object (expected e.g. {\"url\": \"http://127.0.0.1:8000/v1\"})");
      }
      return node;
    } catch (IOException e) {
      throw new ModelLoadException(
          "model '"
              + spec.name()
              + "': "
              + path
              + " is not valid JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
  }

  private static Optional<String> setting(ModelSpec spec, JsonNode file, String key) {
    return spec.option(key)
        .or(() -> Optional.ofNullable(file.get(key)).filter(n -> !n.isNull()).map(JsonNode::asText))
        .filter(v -> !v.isBlank());
  }

  private static long positive(ModelSpec spec, String key, String value) {
    try {
      long n = Long.parseLong(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ModelLoadException(
        "model '"
            + spec.name()
            + "': "
            + key
            + "="
            + value
            + " (expected a positive number of seconds)");
  }
}
