package dev.kserve4j.protocol;

/**
 * One row of the model repository extension's index ({@code POST /v2/repository/index}).
 *
 * @param name the model name
 * @param version the version, or null
 * @param state {@code READY}, {@code UNAVAILABLE}, {@code LOADING} or {@code UNLOADING}
 * @param reason why the model is not ready, or empty
 */
public record RepositoryEntry(String name, String version, String state, String reason) {}
