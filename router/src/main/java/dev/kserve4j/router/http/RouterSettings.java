package dev.kserve4j.router.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How {@code kserve4j router} runs.
 *
 * @param host the address to listen on ({@code 0.0.0.0} for every interface)
 * @param port the port (KServe's router listens on 8080; 0 picks a free one)
 * @param allowHosts host patterns {@code serviceUrl} steps may reach beyond the graph's own
 *     services ({@code --allow-host})
 * @param headers the headers propagated to steps ({@code PROPAGATE_HEADERS})
 * @param drain how long {@code /readyz} answers 503 before the server stops, while requests are
 *     still served (KServe: 30 s)
 */
public record RouterSettings(
    String host, int port, List<String> allowHosts, HeaderPropagation headers, Duration drain) {
  public RouterSettings {
    requireNonNull(host, "host");
    allowHosts = List.copyOf(allowHosts);
    requireNonNull(headers, "headers");
    requireNonNull(drain, "drain");
  }
}
