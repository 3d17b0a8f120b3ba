package dev.kserve4j.runtime.pmml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A loaded PMML document: its DataDictionary, TransformationDictionary and first model, with the
 * model's active fields as the inputs of a request in MiningSchema order.
 *
 * @param inputs the active fields of the top-level model, in MiningSchema order
 * @param transformations the TransformationDictionary's derived fields
 * @param model the top-level model
 */
record PmmlDocument(
    List<InputField> inputs, Map<String, DerivedField> transformations, ModelEvaluator model) {

  /** Parses {@code file}; fails with {@link PmmlException} naming what is wrong. */
  static PmmlDocument read(Path file) throws IOException {
    XmlElement root;
    try (InputStream in = Files.newInputStream(file)) {
      root = new XmlElement(parser().parse(in).getDocumentElement());
    } catch (SAXException e) {
      throw new PmmlException("not well-formed XML: " + e.getMessage());
    }
    if (!root.name().equals("PMML")) {
      throw new PmmlException("the root element is " + root.name() + " (expected PMML)");
    }
    XmlElement dictionaryElement =
        root.child("DataDictionary")
            .orElseThrow(() -> new PmmlException("PMML: has no DataDictionary"));
    dictionaryElement.onlyChildren(List.of("DataField", "Taxonomy"));
    Map<String, DataField> dictionary = new LinkedHashMap<>();
    Symbols symbols = new Symbols(null);
    for (XmlElement f : dictionaryElement.children("DataField")) {
      DataField field = DataField.read(f);
      dictionary.put(field.name(), field);
      symbols.define(field.name(), field.dataType());
    }
    Map<String, DerivedField> transformations =
        root.child("TransformationDictionary")
            .map(t -> new ExpressionReader(symbols).derivedFields(t))
            .orElse(Map.of());
    List<XmlElement> models =
        root.children().stream()
            .filter(c -> !List.of("DataDictionary", "TransformationDictionary").contains(c.name()))
            .toList();
    if (models.isEmpty()) {
      throw new PmmlException(
          "PMML: has no model element (expected one of " + ModelReader.SUPPORTED + ")");
    }
    XmlElement modelElement = models.get(0);
    ModelEvaluator model = new ModelReader(dictionary).read(modelElement, symbols);
    return new PmmlDocument(inputs(modelElement, dictionary), transformations, model);
  }

  private static List<InputField> inputs(XmlElement model, Map<String, DataField> dictionary) {
    List<InputField> inputs = new ArrayList<>();
    for (XmlElement m : model.child("MiningSchema").orElseThrow().children("MiningField")) {
      MiningField mining = MiningField.read(m);
      if (!mining.active()) {
        continue;
      }
      DataField field = dictionary.get(mining.name());
      if (field == null) {
        throw new PmmlException(
            m
                + ": an active field of the top-level model must be a"
                + " DataField of the DataDictionary");
      }
      inputs.add(new InputField(field, mining));
    }
    return List.copyOf(inputs);
  }

  /** A DOM parser that refuses DTDs, so no external entity can be read (XXE). */
  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // Fatal errors throw; warnings and recoverable errors are not printed to stderr.
      builder.setErrorHandler(new DefaultHandler());
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
    }
  }

  /** Scores one row whose active field values are already prepared. */
  ModelEvaluator.Evaluation evaluate(Object[] values) {
    Scope scope = new Scope(null, transformations);
    for (int i = 0; i < values.length; i++) {
      scope.put(inputs.get(i).name(), values[i]);
    }
    return model.evaluate(scope);
  }
}
