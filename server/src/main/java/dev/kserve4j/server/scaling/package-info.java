/**
 * A model served by a set of replicas: least-in-flight dispatch within each replica's concurrency
 * limit, an activator queue that holds requests while no replica can take them, and the adding and
 * draining of replicas an autoscaler asks for.
 */
package dev.kserve4j.server.scaling;
