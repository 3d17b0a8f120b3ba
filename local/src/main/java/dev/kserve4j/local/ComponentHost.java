package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.transform.PredictorLinks;

/**
 * What the embedded server offers an InferenceService's transformer and explainer: the in-process
 * calls a transformer reaches its predictor with ({@link JsonInference}), where each transformer's
 * predictor is set ({@link PredictorLinks}), and the server's own HTTP address, which user code
 * that calls its predictor itself (a {@code model.py} explainer's {@code self.predict}) is given as
 * its predictor host.
 *
 * @param inference the server's JSON inference calls
 * @param links the server's transformer links
 * @param address the server's HTTP address as {@code host:port}
 */
public record ComponentHost(JsonInference inference, PredictorLinks links, String address) {
  public ComponentHost {
    requireNonNull(inference, "inference");
    requireNonNull(links, "links");
    requireNonNull(address, "address");
  }

  /**
   * The components of {@code server}, reached on the loopback address when it listens on every
   * address, else on the address it listens on.
   */
  public static ComponentHost of(KServeServer server) {
    String host = server.host();
    String reach =
        host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")
            ? "127.0.0.1"
            : host.contains(":") ? "[" + host + "]" : host;
    return new ComponentHost(
        server.inference(), server.predictorLinks(), reach + ":" + server.httpPort());
  }
}
