package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.FailureReason;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a Standard-mode component serves, judged from its Deployment and its pods. The Deployment
 * alone is not enough: while a new ReplicaSet's pods crash-loop, the old pods keep the Deployment
 * {@code Available}, and KServe's RawDeployment reconciler reports the InferenceService Ready. Here
 * a pod whose storage initializer failed, or whose server container is in {@code CrashLoopBackOff}
 * or terminated with an error, makes the component not ready, with KServe's {@code ModelLoadFailed}
 * failure info (message and exit code of the last termination).
 *
 * @param outcome the component's condition
 * @param failure why the model failed to load, or null
 * @param totalCopies the component's pods
 * @param failedCopies its pods that failed
 */
record ComponentHealth(
    StatusBuilder.Outcome outcome, FailureInfo failure, int totalCopies, int failedCopies) {
  private static final String CRASH_LOOP = "CrashLoopBackOff";

  boolean ready() {
    return outcome.ready();
  }

  /**
   * The health of the component whose Deployment is {@code deploymentName} and whose model server
   * container is {@code server} (KServe's {@code kserve-container}); a missing Deployment has no
   * pods.
   */
  static ComponentHealth of(
      String deploymentName, String server, Deployment deployment, List<Pod> pods) {
    List<PodFailure> failures =
        pods.stream().map(p -> failure(p, server)).flatMap(Optional::stream).toList();
    Optional<PodFailure> failed = failures.stream().findFirst();
    int failedCopies = failures.size();
    if (failed.isPresent()) {
      PodFailure f = failed.get();
      String message =
          "container "
              + f.container()
              + " of pod "
              + f.pod()
              + " is in "
              + f.state()
              + (f.exitCode() == null ? "" : " (exit code " + f.exitCode() + ")")
              + (f.message() == null || f.message().isBlank() ? "" : ": " + f.message().strip());
      FailureInfo info =
          new FailureInfo(
              null, FailureReason.MODEL_LOAD_FAILED, message, null, null, f.exitCode(), Map.of());
      return new ComponentHealth(
          new StatusBuilder.Outcome(false, f.state(), message), info, pods.size(), failedCopies);
    }
    StatusBuilder.Outcome deployed = DeploymentAvailability.of(deploymentName, deployment);
    return new ComponentHealth(deployed, null, pods.size(), 0);
  }

  private record PodFailure(
      String pod, String container, String state, String message, Integer exitCode) {}

  /**
   * The storage initializer's failure first (the server never started), then the server
   * container's.
   */
  private static Optional<PodFailure> failure(Pod pod, String server) {
    if (pod.getStatus() == null || pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    return failure(pod, pod.getStatus().getInitContainerStatuses(), PodRenderer.INITIALIZER_NAME)
        .or(() -> failure(pod, pod.getStatus().getContainerStatuses(), server));
  }

  private static Optional<PodFailure> failure(
      Pod pod, List<ContainerStatus> statuses, String container) {
    if (statuses == null) {
      return Optional.empty();
    }
    String podName = pod.getMetadata().getName();
    for (ContainerStatus cs : statuses) {
      if (!container.equals(cs.getName()) || cs.getState() == null) {
        continue;
      }
      ContainerStateTerminated terminated = cs.getState().getTerminated();
      if (terminated != null && "Error".equals(terminated.getReason())) {
        return Optional.of(
            new PodFailure(
                podName, container, "Error", terminated.getMessage(), terminated.getExitCode()));
      }
      if (cs.getState().getWaiting() != null
          && CRASH_LOOP.equals(cs.getState().getWaiting().getReason())) {
        ContainerStateTerminated last =
            cs.getLastState() == null ? null : cs.getLastState().getTerminated();
        return Optional.of(
            new PodFailure(
                podName,
                container,
                CRASH_LOOP,
                last == null ? cs.getState().getWaiting().getMessage() : last.getMessage(),
                last == null ? null : last.getExitCode()));
      }
    }
    return Optional.empty();
  }
}
