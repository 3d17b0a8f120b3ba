package dev.kserve4j.runtime.pmml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code MapValues} over an {@code InlineTable} (PMML 4.4 "MapValues"): the output column of the
 * first row whose columns equal the mapped fields' values; {@code defaultValue} when no row
 * matches, {@code mapMissingTo} when an input is missing. Values are compared as PMML's {@code
 * equal} compares them.
 */
record MapValues(
    List<String> fields,
    List<List<Object>> keys,
    List<Object> outputs,
    Object defaultValue,
    Object mapMissingTo)
    implements Expression {

  static MapValues read(XmlElement e, Symbols symbols) {
    e.onlyChildren(List.of("FieldColumnPair", "InlineTable"));
    XmlElement table =
        e.child("InlineTable")
            .orElseThrow(
                () ->
                    new PmmlException(
                        e
                            + ": has no InlineTable (only inline tables are supported, not"
                            + " TableLocator)"));
    String outputColumn = e.required("outputColumn");
    DataType type =
        e.attribute("dataType").isPresent() ? DataType.of(e, "dataType") : DataType.STRING;
    List<String> fields = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (XmlElement pair : e.children("FieldColumnPair")) {
      fields.add(pair.required("field"));
      symbols.typeOf(pair.required("field"), pair);
      columns.add(pair.required("column"));
    }
    List<List<Object>> keys = new ArrayList<>();
    List<Object> outputs = new ArrayList<>();
    for (XmlElement row : table.children("row")) {
      Map<String, String> cells = new HashMap<>();
      row.children().forEach(c -> cells.put(c.name(), c.text().trim()));
      List<Object> key = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        String cell = cells.get(columns.get(i));
        if (cell == null) {
          throw new PmmlException(
              e + ": an InlineTable row has no column '" + columns.get(i) + "'");
        }
        key.add(symbols.typeOf(fields.get(i), e).parse(cell));
      }
      if (!cells.containsKey(outputColumn)) {
        throw new PmmlException(
            e + ": an InlineTable row has no output column '" + outputColumn + "'");
      }
      keys.add(key);
      outputs.add(type.parse(cells.get(outputColumn)));
    }
    Object defaultValue = e.attribute("defaultValue").map(type::parse).orElse(null);
    Object missing = e.attribute("mapMissingTo").map(type::parse).orElse(null);
    return new MapValues(fields, keys, outputs, defaultValue, missing);
  }

  @Override
  public Object evaluate(Scope scope) {
    List<Object> values = new ArrayList<>(fields.size());
    for (String field : fields) {
      Object v = scope.get(field);
      if (v == null) {
        return mapMissingTo;
      }
      values.add(v);
    }
    for (int r = 0; r < keys.size(); r++) {
      List<Object> key = keys.get(r);
      boolean match = true;
      for (int i = 0; i < key.size() && match; i++) {
        match = ApplyFunctions.compare(values.get(i), key.get(i)) == 0;
      }
      if (match) {
        return outputs.get(r);
      }
    }
    return defaultValue;
  }
}
