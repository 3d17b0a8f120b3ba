package dev.kserve4j.server.repository;

/** Model states as the repository extension reports them. */
public enum ModelState {
  LOADING,
  READY,
  UNLOADING,
  UNAVAILABLE
}
