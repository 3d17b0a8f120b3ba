package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KServe's {@code domainTemplate}: the Go template that names a Standard-mode component's external
 * host ({@code GenerateDomainName}). Supported actions: {@code {{ .Name }}}, {@code {{ .Namespace
 * }}}, {@code {{ .IngressDomain }}}, {@code {{ .Annotations.key }}}, {@code {{ .Labels.key }}} and
 * the {@code {{ index .Annotations "key" }}} form; a missing annotation or label renders empty, as
 * a missing key of Go's {@code map[string]string} does. Any other action is refused when the
 * template is read, naming the action.
 */
public final class DomainTemplate {
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern FIELD =
      Pattern.compile(
          "\\s*(?:\\.(Name|Namespace|IngressDomain)|\\.(Labels|Annotations)\\.([A-Za-z0-9_]+)"
              + "|index\\s+\\.(Labels|Annotations)\\s+\"([^\"]+)\")\\s*");

  /**
   * A DNS-1123 subdomain of at least two labels, as KServe's {@code IsFullyQualifiedDomainName}
   * wants.
   */
  private static final Pattern FQDN =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+");

  private final String template;
  private final List<Part> parts;

  private record Part(String literal, String field, String key) {}

  private DomainTemplate(String template, List<Part> parts) {
    this.template = template;
    this.parts = parts;
  }

  /**
   * Reads {@code template}.
   *
   * @throws IllegalArgumentException for a blank template or an action other than the supported
   *     ones
   */
  public static DomainTemplate parse(String template) {
    requireNonNull(template, "template");
    if (template.isBlank()) {
      throw new IllegalArgumentException(
          "domainTemplate is blank (expected e.g. " + PlanConfig.DEFAULT_DOMAIN_TEMPLATE + ")");
    }
    List<Part> parts = new ArrayList<>();
    Matcher m = ACTION.matcher(template);
    int last = 0;
    while (m.find()) {
      parts.add(new Part(template.substring(last, m.start()), null, null));
      Matcher f = FIELD.matcher(m.group(1));
      if (!f.matches()) {
        throw new IllegalArgumentException(
            "domainTemplate '"
                + template
                + "': action '"
                + m.group()
                + "' is not supported (expected {{ .Name }}, {{ .Namespace }}, {{ .IngressDomain"
                + " }}, {{ .Annotations.key }} or {{ .Labels.key }})");
      }
      if (f.group(1) != null) {
        parts.add(new Part("", f.group(1), null));
      } else {
        boolean dotted = f.group(2) != null;
        parts.add(new Part("", dotted ? f.group(2) : f.group(4), dotted ? f.group(3) : f.group(5)));
      }
      last = m.end();
    }
    String tail = template.substring(last);
    if (tail.contains("{{")) {
      throw new IllegalArgumentException(
          "domainTemplate '" + template + "': an action is not closed" + " (expected {{ ... }})");
    }
    parts.add(new Part(tail, null, null));
    return new DomainTemplate(template, List.copyOf(parts));
  }

  /**
   * The host of the component {@code name} of an InferenceService in {@code namespace}.
   *
   * @throws IllegalArgumentException when the result is not a fully qualified domain name
   */
  public String render(
      String name,
      String namespace,
      String ingressDomain,
      Map<String, String> annotations,
      Map<String, String> labels) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      out.append(part.literal());
      if (part.field() != null) {
        out.append(
            switch (part.field()) {
              case "Name" -> name;
              case "Namespace" -> namespace;
              case "IngressDomain" -> ingressDomain;
              case "Annotations" ->
                  annotations == null ? "" : annotations.getOrDefault(part.key(), "");
              default -> labels == null ? "" : labels.getOrDefault(part.key(), "");
            });
      }
    }
    String host = out.toString();
    if (!FQDN.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "invalid domain name \""
              + host
              + "\" from domainTemplate '"
              + template
              + "' (expected a fully qualified DNS name such as name-namespace.example.com)");
    }
    return host;
  }

  @Override
  public String toString() {
    return template;
  }
}
