package dev.kserve4j.cli;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Leader election among controller replicas through the Lease {@code namespace/kserve4j-controller}
 * (15 s lease, renewed within 10 s, tried every 2 s, as KServe's controller-manager), released on
 * shutdown so that a standby replica takes over at once.
 *
 * <p>The Lease is read and written through a client of its own whose requests fail after {@link
 * #REQUEST_TIMEOUT} and are not retried: the election retries by itself every retry period, and at
 * shutdown a release must fail fast, naming the API server, rather than wait through the client's
 * exponential retries (about 100 s) when the API server has gone away.
 */
final class LeaderLease implements AutoCloseable {
  static final String NAME = "kserve4j-controller";

  /** The most one read or write of the Lease waits for the API server. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final String namespace;
  private final String apiServer;
  private final KubernetesClient leaseClient;
  private final LeaderElector elector;
  private CompletableFuture<?> election;

  /**
   * @param client the operator's client, whose connection settings the Lease's client copies
   * @param callbacks what leading, losing the Lease and a new leader do (losing also fires once the
   *     election is cancelled by {@link #release()})
   */
  LeaderLease(
      KubernetesClient client, String namespace, String identity, LeaderCallbacks callbacks) {
    this.namespace = requireNonNull(namespace, "namespace");
    Config config =
        new ConfigBuilder(client.getConfiguration())
            .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
            .withConnectionTimeout((int) REQUEST_TIMEOUT.toMillis())
            .withRequestRetryBackoffLimit(0)
            .build();
    this.apiServer = config.getMasterUrl();
    this.leaseClient = new KubernetesClientBuilder().withConfig(config).build();
    this.elector =
        leaseClient
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(NAME)
                    .withLock(new LeaseLock(namespace, NAME, requireNonNull(identity, "identity")))
                    .withLeaseDuration(Duration.ofSeconds(15))
                    .withRenewDeadline(Duration.ofSeconds(10))
                    .withRetryPeriod(Duration.ofSeconds(2))
                    .withLeaderCallbacks(requireNonNull(callbacks, "callbacks"))
                    // Released by release(), which reports a failure instead of logging it.
                    .withReleaseOnCancel(false)
                    .build())
            .build();
  }

  /** Stands for election; returns at once. */
  synchronized void start() {
    election = elector.start();
  }

  /** {@code namespace/name} of the Lease. */
  String describe() {
    return namespace + "/" + NAME;
  }

  String apiServer() {
    return apiServer;
  }

  /**
   * Stops standing for election and, if this replica holds the Lease, releases it as client-go
   * does: no holder, renewed now for 1 s.
   *
   * @return whether this replica held the Lease and released it
   * @throws IllegalStateException naming the API server when it could not be reached
   */
  boolean release() {
    synchronized (this) {
      if (election != null) {
        election.cancel(true);
      }
    }
    try {
      return elector.release();
    } catch (KubernetesClientException e) {
      if (e.getCode() > 0) {
        throw new IllegalStateException(
            "API server " + apiServer + " answered " + e.getCode() + ": " + e.getMessage(), e);
      }
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException("API server " + apiServer + " unreachable: " + cause, e);
    }
  }

  @Override
  public void close() {
    leaseClient.close();
  }
}
