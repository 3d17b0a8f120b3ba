/**
 * The Open Inference Protocol's gRPC service over the data plane, and the one place failures become
 * gRPC status codes.
 */
package dev.kserve4j.server.grpc;
