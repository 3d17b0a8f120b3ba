package dev.kserve4j.autoscaler;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop Knative runs for each revision: {@link #scrape()} once a second records the load from a
 * {@link MetricSource}; {@link #evaluate()} every two seconds decides and hands the replica count
 * to a {@link ReplicaRealizer}; {@link #poke()} decides at once when a request arrives while none
 * is wanted. It has no thread of its own: the caller schedules it (tests with a manual clock). Each
 * decision whose count differs from the previous one is logged once, with its reason.
 */
public final class ScalingLoop {
  private static final Logger log = LoggerFactory.getLogger(ScalingLoop.class);

  private final String name;
  private final KpaScaler scaler;
  private final MetricSource source;
  private final ReplicaRealizer realizer;
  private Decision last;

  /**
   * @param name what is scaled, in log lines (e.g. the revision)
   */
  public ScalingLoop(String name, KpaScaler scaler, MetricSource source, ReplicaRealizer realizer) {
    this.name = requireNonNull(name, "name");
    this.scaler = requireNonNull(scaler, "scaler");
    this.source = requireNonNull(source, "source");
    this.realizer = requireNonNull(realizer, "realizer");
    this.last = new Decision(scaler.settings().initialScale(), false, "initial scale");
  }

  /** Records one second of load. */
  public synchronized void scrape() {
    MetricSource.Sample s = source.sample();
    scaler.record(s.concurrency(), s.requests());
  }

  /** Decides and applies the decision. */
  public synchronized Decision evaluate() {
    return apply(scaler.decide(realizer.readyReplicas()));
  }

  /** A request arrived while none was wanted: decides and applies at once. */
  public synchronized Decision poke() {
    return apply(scaler.poke(realizer.readyReplicas()));
  }

  /** The latest decision that asked for a count. */
  public synchronized Decision last() {
    return last;
  }

  private Decision apply(Decision d) {
    if (d.desired() < 0) {
      return d;
    }
    if (d.desired() != last.desired() || d.panic() != last.panic()) {
      log.info(
          "{}: {} replicas{} ({})", name, d.desired(), d.panic() ? ", panic mode" : "", d.reason());
    }
    last = d;
    realizer.scaleTo(d.desired(), d);
    return d;
  }
}
