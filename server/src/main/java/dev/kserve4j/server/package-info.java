/**
 * The model server: {@link dev.kserve4j.server.KServeServer} (Armeria) serving the V1, V2 REST,
 * gRPC and OpenAI front ends and {@code /metrics} over one {@link dev.kserve4j.server.DataPlane} on
 * the model repository.
 */
package dev.kserve4j.server;
