package dev.kserve4j.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code serving.kserve.io} resources from YAML or JSON (one or many documents, or a {@code
 * kind: List}) into their types by {@code apiVersion} and {@code kind}, and writes them back.
 *
 * <p>Fields a type does not declare are kept and written back (see {@link AdditionalProperties}).
 * Scalars are not coerced from strings (a quoted {@code "2"} is not an integer), as the Kubernetes
 * API server does not. A document that does not fit its type raises a {@link ResourceReadException}
 * that names the source, the document, the field path, the value and what was expected.
 */
public final class ResourceCodec {
  private final KServeKinds kinds;
  private final ObjectMapper yaml;
  private final ObjectMapper json;
  private final MappingErrors errors;

  public ResourceCodec() {
    this(KServeKinds.standard());
  }

  public ResourceCodec(KServeKinds kinds) {
    this.kinds = requireNonNull(kinds, "kinds");
    this.yaml =
        configure(
            YAMLMapper.builder(
                    YAMLFactory.builder()
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                        .disable(YAMLGenerator.Feature.SPLIT_LINES)
                        .build())
                .build());
    this.json = configure(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());
    this.errors = new MappingErrors(json);
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    // "predictor:" with nothing after it is null in YAML, i.e. absent, as the API server reads it.
    for (LogicalType type : List.of(LogicalType.POJO, LogicalType.Map, LogicalType.Collection)) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    }
    return mapper;
  }

  /** Every resource in the file, in order. */
  public List<HasMetadata> readAll(Path file) {
    requireNonNull(file, "file");
    try {
      return readAll(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every resource in {@code text} (YAML, JSON, or a multi-document YAML stream), in order; empty
   * documents are skipped. {@code source} names the text in error messages.
   */
  public List<HasMetadata> readAll(String text, String source) {
    requireNonNull(text, "text");
    requireNonNull(source, "source");
    List<HasMetadata> resources = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (true) {
        JsonNode node;
        try {
          if (!documents.hasNextValue()) {
            break;
          }
          index++;
          node = documents.nextValue();
        } catch (JacksonException e) {
          throw new ResourceReadException(
              source,
              index,
              "",
              source
                  + ", document "
                  + index
                  + ": not valid YAML or JSON: "
                  + e.getOriginalMessage(),
              e);
        }
        if (!isEmpty(node)) {
          new DocumentReader(source, index).read(node, resources);
        }
      }
    } catch (IOException e) {
      throw new ResourceReadException(
          source, 0, "", source + ": not valid YAML or JSON: " + e.getMessage(), e);
    }
    return resources;
  }

  /** The single resource in {@code text}, which must be of {@code type}. */
  public <T extends HasMetadata> T read(String text, String source, Class<T> type) {
    List<HasMetadata> all = readAll(text, source);
    if (all.size() != 1 || !type.isInstance(all.get(0))) {
      throw new ResourceReadException(
          source,
          all.size() == 1 ? 1 : 0,
          "",
          source
              + ": expected exactly one "
              + HasMetadata.getKind(type)
              + ", found "
              + all.stream().map(HasMetadata::getKind).toList(),
          null);
    }
    return type.cast(all.get(0));
  }

  /** The resources as a YAML stream, one document each, each starting with {@code ---}. */
  public String toYaml(List<? extends HasMetadata> resources) {
    StringWriter out = new StringWriter();
    try (SequenceWriter writer = yaml.writer().writeValues(out)) {
      writer.writeAll(resources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public String toYaml(HasMetadata resource) {
    return toYaml(List.of(resource));
  }

  /** The resource as indented JSON. */
  public String toJson(HasMetadata resource) {
    try {
      return json.writeValueAsString(resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An empty document: nothing, or only a comment, between two {@code ---}. */
  private static boolean isEmpty(JsonNode node) {
    return node == null
        || node.isNull()
        || node.isMissingNode()
        || (node.isTextual() && node.asText().isEmpty());
  }

  /** Reads one parsed document (a resource, or a {@code List} of them). */
  private final class DocumentReader {
    private final String source;
    private final int index;

    DocumentReader(String source, int index) {
      this.source = source;
      this.index = index;
    }

    void read(JsonNode node, List<HasMetadata> into) {
      if (!node.isObject()) {
        throw fail(
            "",
            "is "
                + node.getNodeType().name().toLowerCase()
                + " (expected: a mapping with apiVersion and kind)",
            null);
      }
      String apiVersion = node.path("apiVersion").asText("");
      String kind = node.path("kind").asText("");
      if (kind.equals("List") && apiVersion.equals("v1") && node.path("items").isArray()) {
        for (JsonNode item : node.path("items")) {
          read(item, into);
        }
        return;
      }
      Class<? extends HasMetadata> type =
          kinds
              .lookup(apiVersion, kind)
              .orElseThrow(
                  () ->
                      fail(
                          "",
                          "apiVersion '"
                              + apiVersion
                              + "' kind '"
                              + kind
                              + "' is not a known resource (expected one of: "
                              + String.join(", ", kinds.describe())
                              + ")",
                          null));
      try {
        into.add(yaml.treeToValue(node, type));
      } catch (JsonMappingException e) {
        String path = MappingErrors.path(e);
        throw fail(
            path,
            kind
                + " "
                + name(node)
                + ": "
                + (path.isEmpty() ? "" : path + ": ")
                + errors.describe(e, node),
            e);
      } catch (JacksonException e) {
        throw fail("", kind + " " + name(node) + ": " + e.getOriginalMessage(), e);
      }
    }

    private ResourceReadException fail(String path, String detail, Throwable cause) {
      return new ResourceReadException(
          source, index, path, source + ", document " + index + ": " + detail, cause);
    }

    private static String name(JsonNode node) {
      JsonNode metadata = node.path("metadata");
      String name = metadata.path("name").asText("<unnamed>");
      String namespace = metadata.path("namespace").asText("");
      return "'" + (namespace.isEmpty() ? "" : namespace + "/") + name + "'";
    }
  }
}
