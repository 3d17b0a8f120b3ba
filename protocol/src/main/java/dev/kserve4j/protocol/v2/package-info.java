/**
 * The V2 REST codecs: Open Inference Protocol JSON and binary tensor data to and from the core
 * model, plus the metadata, readiness, error and model repository bodies.
 */
package dev.kserve4j.protocol.v2;
