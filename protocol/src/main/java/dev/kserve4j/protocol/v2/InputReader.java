package dev.kserve4j.protocol.v2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.v2.internal.JsonParameters;
import dev.kserve4j.protocol.v2.internal.JsonTensorReader;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one {@code $request_input} object (Open Inference Protocol REST, "Request Input") into a
 * {@link PendingInput}. Its {@code data} is parsed in place when {@code datatype} and {@code shape}
 * came first, as clients usually send them, and re-parsed from its byte offset otherwise.
 */
final class InputReader {
  private final JsonParser p;
  private final byte[] body;
  private final int jsonLength;

  /** At most this many values fit in the JSON: each takes a character and a separator. */
  private final int storeLimit;

  InputReader(JsonParser p, byte[] body, int jsonLength) {
    this.p = p;
    this.body = body;
    this.jsonLength = jsonLength;
    this.storeLimit = (jsonLength + 1) / 2;
  }

  PendingInput read(int index) throws IOException {
    PendingInput in = new PendingInput(index);
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw KServeException.invalidInput(
          in.path() + ": " + ProtocolJson.describe(p) + " (expected an input tensor object)");
    }
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      switch (field) {
        case "name" -> in.name = ProtocolJson.nextString(p, in.path() + ".name");
        case "datatype" -> {
          String path = in.path() + ".datatype";
          in.datatype = Datatype.parse(path, ProtocolJson.nextString(p, path));
        }
        case "shape" -> in.shape = readShape(in.path() + ".shape");
        case "parameters" -> {
          p.nextToken();
          in.parameters = JsonParameters.read(p, in.path() + ".parameters");
        }
        case "data" -> {
          p.nextToken();
          in.hasData = true;
          if (in.ready()) {
            readData(in, p);
          } else {
            in.deferredData = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
          }
        }
        default -> {
          p.nextToken();
          p.skipChildren();
        }
      }
    }
    if (in.deferredData >= 0 && in.ready()) {
      int at = (int) in.deferredData;
      try (JsonParser data = ProtocolJson.parser(body, at, jsonLength - at)) {
        data.nextToken();
        readData(in, data);
      }
    }
    in.finish();
    return in;
  }

  private void readData(PendingInput in, JsonParser parser) throws IOException {
    JsonTensorReader.Values v =
        JsonTensorReader.readData(parser, in.datatype, in.count(), storeLimit, in.path() + ".data");
    in.data = v.array();
    in.dataCount = v.count();
  }

  private long[] readShape(String field) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      throw KServeException.invalidInput(
          field
              + ": "
              + ProtocolJson.describe(p)
              + " (expected a list of non-negative integer dimensions)");
    }
    long[] dims = new long[4];
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == NumberType.BIG_INTEGER
          || p.getLongValue() < 0) {
        throw KServeException.invalidInput(
            field
                + "["
                + n
                + "]: "
                + ProtocolJson.describe(p)
                + " (expected a non-negative integer dimension)");
      }
      if (n == dims.length) {
        dims = Arrays.copyOf(dims, n * 2);
      }
      dims[n++] = p.getLongValue();
    }
    return Arrays.copyOf(dims, n);
  }
}
