/**
 * Which served models answer for an InferenceService: the directory that requests are resolved
 * against by Host header or by path prefix, as KServe's ingress would route them.
 */
package dev.kserve4j.server.routing;
