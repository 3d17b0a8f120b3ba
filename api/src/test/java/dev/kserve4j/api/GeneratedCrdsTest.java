package dev.kserve4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our CRDs in {@code deploy/crds} (generated from the types at build time) against KServe's own:
 * every field path of KServe's schema exists in ours with the same type, and the names, scope and
 * printer columns are KServe's.
 */
class GeneratedCrdsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Paths KServe's schema has and ours does not. fabric8's generator leaves out the root {@code
   * apiVersion}, {@code kind} and {@code metadata}: the API server validates those itself for every
   * resource, so the schema entries add nothing.
   */
  private static final Set<String> NOT_IN_OURS = Set.of(".apiVersion", ".kind", ".metadata");

  private static JsonNode read(Path file) throws IOException {
    return YAML.readTree(file.toFile());
  }

  private static JsonNode ours(String plural) throws IOException {
    return read(
        KServeFixtures.repoRoot().resolve("deploy/crds/" + plural + ".serving.kserve.io-v1.yml"));
  }

  private static JsonNode kserve(String plural) throws IOException {
    return read(
        KServeFixtures.kserveConfig().resolve("crds/serving.kserve.io_" + plural + ".yaml"));
  }

  /**
   * Field path (properties by name, {@code []} for items, {@code {}} for map values) to its type.
   */
  private static Map<String, String> fieldTypes(JsonNode crd) {
    Map<String, String> types = new LinkedHashMap<>();
    walk(crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", types);
    return types;
  }

  private static void walk(JsonNode schema, String path, Map<String, String> types) {
    types.put(
        path,
        schema.path("x-kubernetes-int-or-string").asBoolean()
            ? "int-or-string"
            : schema.path("type").asText(""));
    schema
        .path("properties")
        .properties()
        .forEach(e -> walk(e.getValue(), path + "." + e.getKey(), types));
    if (schema.has("items")) {
      walk(schema.get("items"), path + "[]", types);
    }
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.get("additionalProperties"), path + "{}", types);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "inferenceservices",
        "servingruntimes",
        "clusterservingruntimes",
        "inferencegraphs",
        "trainedmodels",
        "llminferenceservices"
      })
  void everyKServeFieldPathExistsWithItsType(String plural) throws IOException {
    Map<String, String> theirs = fieldTypes(kserve(plural));
    Map<String, String> ours = fieldTypes(ours(plural));

    assertThat(theirs.keySet()).hasSizeGreaterThan(20);
    Set<String> missing = new java.util.TreeSet<>(theirs.keySet());
    missing.removeAll(ours.keySet());
    assertThat(missing)
        .as("KServe field paths missing from our schema")
        .isEqualTo(new java.util.TreeSet<>(NOT_IN_OURS));
    theirs.forEach(
        (path, type) -> {
          if (ours.containsKey(path)) {
            assertThat(ours.get(path)).as("type of " + path).isEqualTo(type);
          }
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "inferenceservices",
        "servingruntimes",
        "clusterservingruntimes",
        "inferencegraphs",
        "trainedmodels",
        "llminferenceservices"
      })
  void namesScopeAndPrinterColumnsAreKServes(String plural) throws IOException {
    JsonNode theirs = kserve(plural).path("spec");
    JsonNode ours = ours(plural).path("spec");

    assertThat(ours.path("group").asText()).isEqualTo("serving.kserve.io");
    assertThat(ours.path("scope")).isEqualTo(theirs.path("scope"));
    for (String name : new String[] {"kind", "plural", "singular", "shortNames"}) {
      assertThat(ours.path("names").path(name)).as(name).isEqualTo(theirs.path("names").path(name));
    }
    assertThat(ours.at("/versions/0/name")).isEqualTo(theirs.at("/versions/0/name"));
    assertThat(columns(ours)).containsExactlyEntriesOf(columns(theirs));
  }

  /** Printer columns as name to "jsonPath type", in the order kubectl shows them (KServe's). */
  private static Map<String, String> columns(JsonNode spec) {
    Map<String, String> columns = new java.util.LinkedHashMap<>();
    StreamSupport.stream(spec.at("/versions/0/additionalPrinterColumns").spliterator(), false)
        .forEach(
            c ->
                columns.put(
                    c.path("name").asText(),
                    c.path("jsonPath").asText() + " " + c.path("type").asText()));
    return columns;
  }
}
