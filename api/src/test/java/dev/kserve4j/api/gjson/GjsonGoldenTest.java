package dev.kserve4j.api.gjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GJSON's documented paths (SYNTAX.md, README.md), KServe's InferenceGraph conditions and GJSON's
 * behaviour at the edges, each with the value GJSON returns: the table is {@code gjson/golden.tsv},
 * the documents {@code gjson/documents.json}, the refused paths {@code gjson/errors.tsv}.
 */
class GjsonGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NONE = "<none>";

  /** Equal JSON, numbers compared by value (1e2 equals 100). */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) ->
          a.equals(b)
                  || (a.isNumber()
                      && b.isNumber()
                      && a.decimalValue().compareTo(b.decimalValue()) == 0)
              ? 0
              : 1;

  record Vector(String source, String document, String path, String expected) {
    @Override
    public String toString() {
      return path + " on " + document + " (" + source + ")";
    }
  }

  private static final Map<String, JsonNode> DOCUMENTS = documents();
  private static final List<Vector> VECTORS = vectors();

  static Stream<Vector> vectorStream() {
    return VECTORS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorStream")
  void getReturnsWhatGjsonReturns(Vector vector) throws IOException {
    Optional<JsonNode> actual = GjsonPath.compile(vector.path()).get(document(vector.document()));
    if (vector.expected().equals(NONE)) {
      assertThat(actual).as("nothing selected").isEmpty();
    } else {
      JsonNode expected = JSON.readTree(vector.expected());
      assertThat(actual).as("a value selected").isPresent();
      assertThat(expected.equals(SAME_VALUE, actual.get()))
          .as("%s equals %s", actual.get(), expected)
          .isTrue();
    }
  }

  @Test
  void theTableCoversTheDocumentedSectionsAndKServe() {
    assertThat(VECTORS).hasSizeGreaterThanOrEqualTo(100);
    for (String section :
        List.of(
            "SYNTAX.md Basic",
            "SYNTAX.md Wildcards",
            "SYNTAX.md Escape character",
            "SYNTAX.md Arrays",
            "SYNTAX.md Queries",
            "SYNTAX.md Dot vs Pipe",
            "SYNTAX.md Modifiers",
            "SYNTAX.md Multipaths",
            "SYNTAX.md Literals",
            "README",
            "KServe")) {
      assertThat(VECTORS).anyMatch(v -> v.source().startsWith(section));
    }
  }

  /** Every table path on every document: exists() says what get() says. */
  @Test
  void existsAgreesWithGet() {
    int checked = 0;
    for (Vector vector : VECTORS) {
      GjsonPath path = GjsonPath.compile(vector.path());
      for (JsonNode document : DOCUMENTS.values()) {
        assertThat(path.exists(document))
            .as("%s on %s", vector.path(), document)
            .isEqualTo(path.get(document).isPresent());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(5000);
  }

  /** Compiled paths shared by many threads give the answers they give one thread. */
  @Test
  void compiledPathsAreSafeToShareBetweenThreads() {
    List<GjsonPath> paths = VECTORS.stream().map(v -> GjsonPath.compile(v.path())).toList();
    List<Optional<JsonNode>> sequential = new ArrayList<>();
    for (int i = 0; i < VECTORS.size(); i++) {
      sequential.add(paths.get(i).get(document(VECTORS.get(i).document())));
    }
    long differing =
        IntStream.range(0, VECTORS.size() * 50)
            .parallel()
            .filter(
                n -> {
                  int i = n % VECTORS.size();
                  Optional<JsonNode> again = paths.get(i).get(document(VECTORS.get(i).document()));
                  return !again.equals(sequential.get(i));
                })
            .count();
    assertThat(differing).isZero();
  }

  @Test
  void absentDocumentsSelectOnlyWhatAPathBuilds() {
    assertThat(GjsonPath.compile("name").get(null)).isEmpty();
    assertThat(GjsonPath.compile("@this").exists(null)).isFalse();
    assertThat(GjsonPath.compile("[name]").get(null)).contains(JSON.createArrayNode());
    assertThat(GjsonPath.compile("!true").exists(null)).isTrue();
  }

  @Test
  void aPathKnowsItsText() {
    GjsonPath path = GjsonPath.compile("predictions.#(label==\"dog\")");
    assertThat(path.path()).isEqualTo("predictions.#(label==\"dog\")");
    assertThat(path).hasToString(path.path());
  }

  @Test
  void literalsAreCopiedBeforeTheyAreHandedOut() {
    GjsonPath path = GjsonPath.compile("!{\"a\":1}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) path.get(null).orElseThrow()).put("a", 2);
    assertThat(path.get(null).orElseThrow().get("a").intValue()).isEqualTo(1);
  }

  record Refusal(String what, String path, int position, String reason) {
    @Override
    public String toString() {
      return what + ": \"" + path + "\"";
    }
  }

  static Stream<Refusal> refusals() {
    return lines("errors.tsv").stream()
        .map(line -> line.split("\t", -1))
        .map(f -> new Refusal(f[0], f[1], Integer.parseInt(f[2]), f[3]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void malformedPathsAreRefusedAtCompileTime(Refusal refusal) {
    assertThatThrownBy(() -> GjsonPath.compile(refusal.path()))
        .isInstanceOfSatisfying(
            GjsonSyntaxException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(refusal.reason());
              assertThat(e.position()).isEqualTo(refusal.position());
              assertThat(e.path()).isEqualTo(refusal.path());
              assertThat(e)
                  .hasMessage(
                      "invalid GJSON path \"%s\" at position %d: %s",
                      refusal.path(), refusal.position(), refusal.reason());
            })
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thereAreEnoughRefusals() {
    assertThat(refusals()).hasSizeGreaterThanOrEqualTo(8);
  }

  private static JsonNode document(String name) {
    JsonNode document = DOCUMENTS.get(name);
    assertThat(document).as("document %s in documents.json", name).isNotNull();
    return document;
  }

  private static Map<String, JsonNode> documents() {
    try (InputStream in = resource("documents.json")) {
      Map<String, JsonNode> documents = new LinkedHashMap<>();
      JSON.readTree(in).properties().forEach(e -> documents.put(e.getKey(), e.getValue()));
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Vector> vectors() {
    return lines("golden.tsv").stream()
        .map(line -> line.split("\t", -1))
        .map(f -> new Vector(f[0], f[1], f[2], f[3]))
        .toList();
  }

  /** The resource's lines, without blank lines and {@code #} comments. */
  private static List<String> lines(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = GjsonGoldenTest.class.getResourceAsStream("/gjson/" + name);
    assertThat(in).as("resource gjson/%s", name).isNotNull();
    return in;
  }
}
