package dev.kserve4j.common;

/**
 * The category of a failure, which each protocol maps to its own status once (HTTP status, gRPC
 * code).
 */
public enum ErrorKind {
  /** The request was malformed or does not fit the model (HTTP 400, gRPC INVALID_ARGUMENT). */
  INVALID_INPUT,
  /** The named model, version or resource does not exist (HTTP 404, gRPC NOT_FOUND). */
  NOT_FOUND,
  /** The model exists but cannot serve right now (HTTP 503, gRPC UNAVAILABLE). */
  UNAVAILABLE,
  /** The request body is larger than the configured limit (HTTP 413, gRPC RESOURCE_EXHAUSTED). */
  TOO_LARGE,
  /** The operation is not implemented by this server or model (HTTP 501, gRPC UNIMPLEMENTED). */
  UNIMPLEMENTED,
  /** The model itself failed while handling a valid request (HTTP 500, gRPC INTERNAL). */
  MODEL_FAILURE
}
