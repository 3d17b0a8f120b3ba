package dev.kserve4j.autoscaler;

/** Where the autoscaler reads load from, once a second (Knative scrapes queue-proxies). */
public interface MetricSource {
  /** The load since the previous sample. */
  Sample sample();

  /**
   * The load of about one second.
   *
   * @param concurrency the time-weighted average of requests in flight and waiting
   * @param requests the requests that arrived
   */
  record Sample(double concurrency, double requests) {}
}
