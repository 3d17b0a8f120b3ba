/**
 * Shadow traffic: {@link dev.kserve4j.server.shadow.ShadowMirror} sends a sampled share of the
 * requests a stable revision answered to a candidate revision as well, asynchronously and bounded,
 * never changing or delaying the client's answer, and counts how often the candidate agrees with
 * the stable revision ({@link dev.kserve4j.server.shadow.ShadowMetrics}).
 */
package dev.kserve4j.server.shadow;
