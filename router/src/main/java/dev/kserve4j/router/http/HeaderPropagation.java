package dev.kserve4j.router.http;

import com.linecorp.armeria.common.HttpHeaders;
import dev.kserve4j.router.StepCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which of a request's headers every step receives. As KServe's router: the headers whose name
 * matches one of the {@code PROPAGATE_HEADERS} patterns (comma-separated regular expressions,
 * matched anywhere in the name as Go's {@code MatchString} does, against the name in Go's canonical
 * form, e.g. {@code X-Custom-Header}). Beyond KServe, the request id ({@code x-request-id}, made
 * when the client sent none) and the W3C trace context ({@code traceparent}, {@code tracestate})
 * always go along, so that one request can be followed through every step.
 */
public final class HeaderPropagation {
  /** The environment variable KServe's router reads ({@code router.headers.propagate}). */
  public static final String ENV = "PROPAGATE_HEADERS";

  /** The request id header. */
  public static final String REQUEST_ID = "x-request-id";

  private static final List<String> ALWAYS = List.of(REQUEST_ID, "traceparent", "tracestate");

  private final List<Pattern> patterns;

  private HeaderPropagation(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** No header beyond the request id and trace context (KServe's default). */
  public static HeaderPropagation none() {
    return new HeaderPropagation(List.of());
  }

  /**
   * The patterns of {@code value} ({@code PROPAGATE_HEADERS}), blank entries ignored.
   *
   * @throws IllegalArgumentException naming every pattern that is not a regular expression
   */
  public static HeaderPropagation parse(String value) {
    if (value == null || value.isBlank()) {
      return none();
    }
    List<Pattern> patterns = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String p : value.split(",")) {
      String pattern = p.trim();
      if (pattern.isEmpty()) {
        continue;
      }
      try {
        patterns.add(Pattern.compile(pattern));
      } catch (PatternSyntaxException e) {
        problems.add("\"" + pattern + "\": " + e.getDescription());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          ENV
              + " has patterns that are not regular expressions: "
              + String.join("; ", problems)
              + " (expected comma-separated regular expressions of header names, e.g."
              + " \"Authorization,X-Custom-.*\")");
    }
    return new HeaderPropagation(patterns);
  }

  /** The call every step of this request receives: {@code body} with the headers to propagate. */
  public StepCall call(HttpHeaders headers, byte[] body) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (!name.toString().startsWith(":")) {
            all.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(value);
          }
        });
    return call(all, body);
  }

  /**
   * The call every step of this request receives, from headers with lower-case names: {@code body}
   * with the headers to propagate.
   */
  public StepCall call(Map<String, List<String>> headers, byte[] body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!patterns.isEmpty()) {
      headers.forEach(
          (key, values) -> {
            if (ALWAYS.contains(key)) {
              return;
            }
            String canonical = canonical(key);
            for (Pattern p : patterns) {
              if (p.matcher(canonical).find()) {
                out.put(key, List.copyOf(values));
                return;
              }
            }
          });
    }
    for (String name : ALWAYS) {
      List<String> values = headers.get(name);
      if (values != null && !values.isEmpty()) {
        out.put(name, List.copyOf(values));
      }
    }
    out.computeIfAbsent(REQUEST_ID, k -> List.of(UUID.randomUUID().toString()));
    return new StepCall(body, out);
  }

  /** Go's {@code CanonicalMIMEHeaderKey}: upper case at the start and after each hyphen. */
  static String canonical(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }
}
