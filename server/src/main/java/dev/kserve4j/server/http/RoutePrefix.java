package dev.kserve4j.server.http;

/**
 * A path prefix the REST routes are bound under, in Armeria's two route syntaxes: the path template
 * ({@code /a/{param}}) and the regular expression ({@code ^/a/(?<param>[^/]+)}).
 *
 * @param template prepended to template routes
 * @param regex prepended to regex routes, without the leading {@code ^}
 */
public record RoutePrefix(String template, String regex) {
  /** The path parameter holding the namespace in {@link #SERVING}. */
  public static final String NAMESPACE = "namespace";

  /** The path parameter holding the InferenceService's name in {@link #SERVING}. */
  public static final String SERVICE = "service";

  /** No prefix: the plain {@code /v1/...} and {@code /v2/...} routes. */
  public static final RoutePrefix NONE = new RoutePrefix("", "");

  /** KServe's path-based routing: {@code /serving/{namespace}/{name}/v1|v2/...}. */
  public static final RoutePrefix SERVING =
      new RoutePrefix(
          "/serving/{" + NAMESPACE + "}/{" + SERVICE + "}",
          "/serving/(?<" + NAMESPACE + ">[^/]+)/(?<" + SERVICE + ">[^/]+)");
}
