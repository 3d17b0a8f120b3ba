package dev.kserve4j.runtime.pmml;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Typed, namespace-agnostic access to one PMML element: PMML 3.x and 4.x differ only in their
 * namespace URI, so elements are matched by local name.
 */
record XmlElement(Element element) {
  /** Elements that may appear anywhere without affecting scoring (PMML 4.4 "Extension", etc.). */
  private static final Set<String> IGNORED =
      Set.of(
          "Extension",
          "ModelStats",
          "ModelExplanation",
          "ModelVerification",
          "Header",
          "MiningBuildTask",
          "Partition");

  XmlElement {
    requireNonNull(element, "element");
  }

  String name() {
    return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
  }

  Optional<String> attribute(String attribute) {
    return element.hasAttribute(attribute)
        ? Optional.of(element.getAttribute(attribute))
        : Optional.empty();
  }

  String attribute(String attribute, String defaultValue) {
    return attribute(attribute).orElse(defaultValue);
  }

  String required(String attribute) {
    return attribute(attribute)
        .orElseThrow(() -> new PmmlException(this + ": attribute '" + attribute + "' is missing"));
  }

  double number(String attribute, double defaultValue) {
    Optional<String> text = attribute(attribute);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(text.get().trim());
    } catch (NumberFormatException e) {
      throw new PmmlException(
          this + ": attribute " + attribute + "='" + text.get() + "' (expected a number)");
    }
  }

  /** One of {@code allowed}, or {@code defaultValue} when the attribute is absent. */
  String choice(String attribute, String defaultValue, Collection<String> allowed) {
    String value = attribute(attribute, defaultValue);
    if (!allowed.contains(value)) {
      throw new PmmlException(
          this
              + ": "
              + attribute
              + "='"
              + value
              + "' is not supported"
              + " (supported: "
              + String.join(", ", allowed)
              + ")");
    }
    return value;
  }

  /** Child elements that matter for scoring, in document order. */
  List<XmlElement> children() {
    List<XmlElement> out = new ArrayList<>();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        XmlElement child = new XmlElement(e);
        if (!IGNORED.contains(child.name())) {
          out.add(child);
        }
      }
    }
    return out;
  }

  List<XmlElement> children(String childName) {
    return children().stream().filter(c -> c.name().equals(childName)).toList();
  }

  Optional<XmlElement> child(String childName) {
    List<XmlElement> found = children(childName);
    if (found.size() > 1) {
      throw new PmmlException(
          this + ": has " + found.size() + " " + childName + " elements (expected at most one)");
    }
    return found.stream().findFirst();
  }

  /** Fails when a child is not among {@code supported}: an element we would silently misread. */
  void onlyChildren(Collection<String> supported) {
    for (XmlElement child : children()) {
      if (!supported.contains(child.name())) {
        throw new PmmlException(
            this
                + ": element "
                + child.name()
                + " is not supported"
                + " (supported here: "
                + String.join(", ", supported)
                + ")");
      }
    }
  }

  String text() {
    return element.getTextContent();
  }

  /** The element as messages name it: its name and identifying attribute, e.g. Node id="3". */
  @Override
  public String toString() {
    for (String key : List.of("name", "modelName", "id", "field", "function")) {
      if (element.hasAttribute(key)) {
        return name() + " " + key + "=\"" + element.getAttribute(key) + "\"";
      }
    }
    return name();
  }
}
