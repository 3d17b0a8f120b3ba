package dev.kserve4j.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Jackson's binding failures into "path: value (expected: ...)" for a document tree. */
final class MappingErrors {
  private final ObjectMapper mapper;

  MappingErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The dotted field path of the failure: {@code spec.predictor.containers[0].image}. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** "value (expected: ...)" for the value found at the failure's path in {@code document}. */
  String describe(JsonMappingException e, JsonNode document) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      Collection<Object> known = unknown.getKnownPropertyIds();
      return "unknown field (expected one of: "
          + (known == null
              ? ""
              : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")))
          + ")";
    }
    JsonNode value = document.at(pointer(e.getPath()));
    return render(value)
        + " (expected: "
        + expected(e instanceof MismatchedInputException m ? m.getTargetType() : null)
        + ")";
  }

  private static JsonPointer pointer(List<Reference> refs) {
    JsonPointer pointer = JsonPointer.empty();
    for (Reference ref : refs) {
      pointer =
          ref.getFieldName() != null
              ? pointer.appendProperty(ref.getFieldName())
              : pointer.appendIndex(ref.getIndex());
    }
    return pointer;
  }

  private static String render(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "the value";
    }
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return value.toString();
  }

  private String expected(Class<?> type) {
    if (type == null) {
      return "a value of the field's type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> mapper.convertValue(c, String.class))
              .map(s -> "'" + s + "'")
              .collect(Collectors.joining(", ", "[", "]"));
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "an integer";
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Quantity.class) {
      return "a quantity such as 1, 500m or 2Gi";
    }
    if (type == IntOrString.class) {
      return "an integer or a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a mapping";
    }
    return "a mapping (" + type.getSimpleName() + ")";
  }
}
