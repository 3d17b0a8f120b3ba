package dev.kserve4j.api.v1alpha1.llm;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.CookieConfig;

/**
 * The CRD schema of a Gateway API {@code HTTPRouteRule.sessionPersistence} as Gateway API v1.3
 * defines it, {@code idleTimeout} included, which fabric8's {@code SessionPersistence} lacks.
 *
 * <p>Used only for the generated CRD (through {@code @SchemaSwap} on {@link LLMInferenceService});
 * documents are still read into fabric8's type, which keeps {@code idleTimeout} among its
 * additional properties.
 *
 * @param absoluteTimeout how long a session lasts from its start, a Gateway API duration (e.g.
 *     {@code 1h})
 * @param cookieConfig the session cookie's lifetime type
 * @param idleTimeout how long a session lasts without requests, a Gateway API duration
 * @param sessionName the cookie or header name
 * @param type {@code Cookie} or {@code Header}
 */
public record SessionPersistenceSchema(
    String absoluteTimeout,
    CookieConfig cookieConfig,
    String idleTimeout,
    String sessionName,
    String type) {}
