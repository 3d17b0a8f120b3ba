/**
 * The Open Inference Protocol's gRPC messages to and from the core model of {@code
 * dev.kserve4j.protocol}: inference requests and responses, server and model metadata.
 */
package dev.kserve4j.protocol.grpc;
