package dev.kserve4j.protocol.grpc;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the core {@link ModelMetadata} / {@link ServerMetadata} to and from the gRPC API's
 * {@code ModelMetadataResponse} / {@code ServerMetadataResponse} ("Model Metadata" and "Server
 * Metadata" of the Open Inference Protocol). Absent strings travel as proto3's empty string.
 */
public final class GrpcMetadataCodec {
  private GrpcMetadataCodec() {}

  public static ModelMetadataResponse encode(ModelMetadata metadata) {
    requireNonNull(metadata, "metadata");
    ModelMetadataResponse.Builder b =
        ModelMetadataResponse.newBuilder()
            .setName(metadata.name())
            .addAllVersions(metadata.versions())
            .setPlatform(metadata.platform());
    metadata.inputs().forEach(t -> b.addInputs(encode(t)));
    metadata.outputs().forEach(t -> b.addOutputs(encode(t)));
    return b.build();
  }

  public static ServerMetadataResponse encode(ServerMetadata metadata) {
    requireNonNull(metadata, "metadata");
    return ServerMetadataResponse.newBuilder()
        .setName(nullToEmpty(metadata.name()))
        .setVersion(nullToEmpty(metadata.version()))
        .addAllExtensions(metadata.extensions())
        .build();
  }

  /** Decodes a client's view of model metadata; an unknown datatype is invalid input. */
  public static ModelMetadata decode(ModelMetadataResponse response) {
    requireNonNull(response, "response");
    return new ModelMetadata(
        response.getName(),
        response.getVersionsList(),
        response.getPlatform(),
        decode("input", response.getInputsList()),
        decode("output", response.getOutputsList()));
  }

  public static ServerMetadata decode(ServerMetadataResponse response) {
    requireNonNull(response, "response");
    return new ServerMetadata(
        response.getName(), response.getVersion(), response.getExtensionsList());
  }

  private static ModelMetadataResponse.TensorMetadata encode(TensorMetadata t) {
    ModelMetadataResponse.TensorMetadata.Builder b =
        ModelMetadataResponse.TensorMetadata.newBuilder()
            .setName(t.name())
            .setDatatype(t.datatype().name());
    for (long d : t.shape()) {
      b.addShape(d);
    }
    return b.build();
  }

  private static List<TensorMetadata> decode(
      String role, List<ModelMetadataResponse.TensorMetadata> tensors) {
    List<TensorMetadata> out = new ArrayList<>(tensors.size());
    for (ModelMetadataResponse.TensorMetadata t : tensors) {
      long[] shape = new long[t.getShapeCount()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = t.getShape(i);
      }
      Datatype datatype = Datatype.parse(role + " '" + t.getName() + "' datatype", t.getDatatype());
      out.add(new TensorMetadata(t.getName(), datatype, shape));
    }
    return out;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
