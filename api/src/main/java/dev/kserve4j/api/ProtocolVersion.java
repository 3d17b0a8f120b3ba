package dev.kserve4j.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The inference protocol a predictor or runtime speaks ({@code protocolVersion}, {@code
 * protocolVersions}); KServe's {@code constants.InferenceServiceProtocol}.
 */
public enum ProtocolVersion {
  /** KServe V1 REST ({@code /v1/models/{name}:predict}). */
  @JsonProperty("v1")
  V1,
  /** Open Inference Protocol over REST ({@code /v2/models/{name}/infer}). */
  @JsonProperty("v2")
  V2,
  /** V1 over gRPC. */
  @JsonProperty("grpc-v1")
  GRPC_V1,
  /** Open Inference Protocol over gRPC ({@code inference.GRPCInferenceService}). */
  @JsonProperty("grpc-v2")
  GRPC_V2
}
