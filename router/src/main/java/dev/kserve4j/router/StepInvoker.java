package dev.kserve4j.router;

import java.util.concurrent.CompletableFuture;

/**
 * Calls the InferenceService or URL a step names. The executor does not know how: the embedded host
 * calls services of its own process in-process, the {@code kserve4j router} process over HTTP.
 *
 * <p>A step that answers, whatever its status, completes with a {@link StepReply}; a step that
 * cannot be reached (refused connection, reset, DNS) completes exceptionally, and the executor
 * reports it with the step named.
 */
@FunctionalInterface
public interface StepInvoker {
  /** POSTs {@code call} to {@code step}'s service; never called for {@code nodeName} steps. */
  CompletableFuture<StepReply> invoke(GraphStep step, StepCall call);
}
