package dev.kserve4j.server.repository;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.server.config.ModelConfig;

/**
 * One configured model and its current state. The loaded instance is swapped atomically, so a
 * reload keeps the old instance serving until the new one is ready.
 */
public final class ModelEntry {
  private final ModelConfig config;
  private volatile ModelState state = ModelState.UNAVAILABLE;
  private volatile LoadedModel loaded;
  private volatile String reason = "not loaded";

  ModelEntry(ModelConfig config) {
    this.config = config;
  }

  public ModelConfig config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  public ModelState state() {
    return state;
  }

  /** Why the model is not ready; empty when ready. */
  public String reason() {
    return state == ModelState.READY ? "" : reason;
  }

  public boolean ready() {
    return state == ModelState.READY && loaded != null;
  }

  /** The instance to run a request on, or 503 naming the state and the reason. */
  public LoadedModel require() {
    LoadedModel current = loaded;
    if (current == null || state == ModelState.UNLOADING) {
      throw KServeException.unavailable(
          "model '" + name() + "' is not ready (state " + state + ": " + reason + ")");
    }
    return current;
  }

  /** The loaded instance, for metadata; null when none. */
  LoadedModel current() {
    return loaded;
  }

  synchronized void markLoading() {
    if (loaded == null) {
      state = ModelState.LOADING;
    }
  }

  /** Installs a newly loaded instance and returns the one it replaces (to be closed), or null. */
  synchronized LoadedModel install(LoadedModel next) {
    LoadedModel previous = loaded;
    loaded = next;
    state = ModelState.READY;
    reason = "";
    return previous;
  }

  /** Records a failed load; a previously loaded instance keeps serving. */
  synchronized void loadFailed(String why) {
    reason = why;
    if (loaded == null) {
      state = ModelState.UNAVAILABLE;
    }
  }

  synchronized LoadedModel uninstall() {
    LoadedModel previous = loaded;
    loaded = null;
    state = ModelState.UNAVAILABLE;
    reason = "unloaded";
    return previous;
  }
}
