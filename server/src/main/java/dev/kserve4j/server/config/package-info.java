/**
 * The server's configuration: how it listens and its limits ({@link
 * dev.kserve4j.server.config.ServerConfig}), the models it serves with their batching, and the
 * models file of {@code kserve4j serve --config}.
 */
package dev.kserve4j.server.config;
