package dev.kserve4j.protocol.v2.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON factory shared by the REST codecs, and the translation of Jackson's failures into
 * protocol errors.
 *
 * <p>{@code NaN} and {@code Infinity} are read and written as bare tokens, as Python's {@code json}
 * module (and so KServe's Python server and its clients) does, so that such values round-trip.
 */
public final class ProtocolJson {
  /** Immutable once built; thread-safe. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();

  /** Writes one JSON document with a generator. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private ProtocolJson() {}

  /** A parser over {@code length} bytes of UTF-8 JSON starting at {@code offset}. */
  public static JsonParser parser(byte[] body, int offset, int length) {
    try {
      return FACTORY.createParser(body, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one JSON document into a new byte array. */
  public static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      // An in-memory stream does not fail; a generator misuse is a bug, not a caller error.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A caller error for JSON that Jackson could not read, naming where it failed. */
  public static KServeException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new KServeException(
        ErrorKind.INVALID_INPUT,
        "malformed JSON in the request body" + where + ": " + e.getOriginalMessage(),
        e);
  }

  /** Describes the current value for an error message: strings quoted, numbers as written. */
  public static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> '"' + abbreviate(p.getText()) + '"';
      case VALUE_NULL -> "null";
      default -> abbreviate(p.getText());
    };
  }

  /** Reads the next token and requires it to be a string, naming the field otherwise. */
  public static String nextString(JsonParser p, String field) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.VALUE_STRING) {
      throw KServeException.invalidInput(field + ": " + describe(p) + " (expected a string)");
    }
    return p.getText();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
