package dev.kserve4j.autoscaler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Knative's pod autoscaler for one revision: its decision ({@code scaling/autoscaler.go Scale}) and
 * the bounds and scale-to-zero rules of its scaler ({@code reconciler/autoscaling/kpa}), on the
 * time of an injected clock.
 *
 * <ul>
 *   <li>Load is averaged over the stable window and the panic window (a percentage of it).
 *   <li>Each average over the target per replica gives a count, limited to {@code ready ×
 *       maxScaleUpRate} up and {@code ready / maxScaleDownRate} down.
 *   <li>When the panic count reaches the panic threshold times the ready replicas, panic mode
 *       starts: the count is the highest seen while in panic (never lower) until the load has been
 *       under the threshold for a whole stable window.
 *   <li>With a scale-down delay, the count is the highest wanted within the delay.
 *   <li>The count is bounded by min and max scale (and, until the revision first had them, by the
 *       initial scale).
 *   <li>A count of zero is applied only once zero has been wanted for the scale-to-zero grace
 *       period and the revision has been active for a stable window; until then one replica stays.
 *       (One process has its activator always in the path, so Knative's wait for the activator
 *       becomes this grace period.)
 * </ul>
 */
public final class KpaScaler {
  private final KpaSettings settings;
  private final InstantSource clock;
  private final MetricWindow stableConcurrency;
  private final MetricWindow panicConcurrency;
  private final MetricWindow stableRps;
  private final MetricWindow panicRps;
  private final Deque<Wanted> delayed = new ArrayDeque<>();

  private boolean recorded;
  private Instant panicSince;
  private int maxPanicPods;
  private Instant zeroWantedSince;
  private Instant activeSince;
  private boolean initialized;

  private record Wanted(Instant at, int replicas) {}

  public KpaScaler(KpaSettings settings, InstantSource clock) {
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.stableConcurrency = new MetricWindow(settings.stableWindow());
    this.panicConcurrency = new MetricWindow(settings.panicWindow());
    this.stableRps = new MetricWindow(settings.stableWindow());
    this.panicRps = new MetricWindow(settings.panicWindow());
    this.activeSince = clock.instant();
    this.initialized = settings.initialScale() <= 1;
  }

  public KpaSettings settings() {
    return settings;
  }

  /**
   * Records one second of load.
   *
   * @param concurrency the average requests in flight and waiting over the second
   * @param requests the requests that arrived in it
   */
  public synchronized void record(double concurrency, double requests) {
    Instant now = clock.instant();
    stableConcurrency.record(now, concurrency);
    panicConcurrency.record(now, concurrency);
    stableRps.record(now, requests);
    panicRps.record(now, requests);
    recorded = true;
  }

  /**
   * A request arrived while none was wanted (Knative's activator pokes its autoscaler): records it
   * as one request in flight and decides at once.
   */
  public synchronized Decision poke(int readyReplicas) {
    record(1, 1);
    zeroWantedSince = null;
    return decide(readyReplicas);
  }

  /** The replicas wanted now, with {@code readyReplicas} ready. */
  public synchronized Decision decide(int readyReplicas) {
    Instant now = clock.instant();
    trackActivity(readyReplicas, now);
    if (!recorded) {
      return new Decision(-1, false, "no load measured yet");
    }
    boolean rps = settings.metric() == ScaleMetric.RPS;
    double stable = (rps ? stableRps : stableConcurrency).average(now);
    double panic = (rps ? panicRps : panicConcurrency).average(now);
    int ready = Math.max(1, readyReplicas);
    double target = settings.targetPerReplica();
    int maxUp = (int) Math.ceil(settings.maxScaleUpRate() * ready);
    int maxDown = (int) Math.floor(ready / settings.maxScaleDownRate());
    int stablePods = clamp((int) Math.ceil(stable / target), maxDown, maxUp);
    int panicPods = clamp((int) Math.ceil(panic / target), maxDown, maxUp);
    boolean over = panicPods / (double) ready >= settings.panicThresholdPercentage() / 100;
    if (panicSince == null && over) {
      panicSince = now;
    } else if (panicSince != null && over) {
      panicSince = now;
    } else if (panicSince != null && panicSince.plus(settings.stableWindow()).isBefore(now)) {
      panicSince = null;
      maxPanicPods = 0;
    }
    String metric = settings.metric().wireName();
    int desired;
    String why;
    if (panicSince != null) {
      desired = Math.max(stablePods, panicPods);
      if (desired > maxPanicPods) {
        maxPanicPods = desired;
      } else {
        desired = maxPanicPods;
      }
      why =
          String.format(
              Locale.ROOT,
              "panic: %s %.2f over the %ds panic window with %d ready (target %.2f per replica)",
              metric,
              panic,
              settings.panicWindow().toSeconds(),
              readyReplicas,
              target);
    } else {
      desired = stablePods;
      why =
          String.format(
              Locale.ROOT,
              "%s %.2f over the %ds stable window (target %.2f per replica)",
              metric,
              stable,
              settings.stableWindow().toSeconds(),
              target);
    }
    desired = delayed(now, desired);
    int bounded = bound(desired);
    if (bounded != desired) {
      why += bounded > desired ? ", raised to the minimum" : ", capped at the maximum";
    }
    return toZero(bounded, readyReplicas, now, panicSince != null, why);
  }

  /** Notes when the revision became active (had replicas again) and when it first had all. */
  private void trackActivity(int ready, Instant now) {
    if (ready == 0) {
      activeSince = null;
    } else if (activeSince == null) {
      activeSince = now;
    }
    if (!initialized && ready >= settings.initialScale()) {
      initialized = true;
    }
  }

  private int delayed(Instant now, int desired) {
    Duration delay = settings.scaleDownDelay();
    if (delay.isZero()) {
      return desired;
    }
    delayed.addLast(new Wanted(now, desired));
    while (!delayed.isEmpty() && !delayed.peekFirst().at().isAfter(now.minus(delay))) {
      delayed.removeFirst();
    }
    int most = desired;
    for (Wanted w : delayed) {
      most = Math.max(most, w.replicas());
    }
    return most;
  }

  private int bound(int desired) {
    int min = settings.minScale();
    if (!initialized) {
      min = Math.max(min, settings.initialScale());
    }
    int max = settings.maxScale() == 0 ? Integer.MAX_VALUE : settings.maxScale();
    return Math.min(Math.max(desired, min), max);
  }

  private Decision toZero(int desired, int ready, Instant now, boolean panic, String why) {
    if (desired > 0) {
      zeroWantedSince = null;
      return new Decision(desired, panic, why + " -> " + desired);
    }
    if (!settings.enableScaleToZero()) {
      return new Decision(1, panic, why + "; scale to zero is off -> 1");
    }
    if (ready == 0) {
      return new Decision(0, panic, why + "; no replica -> 0");
    }
    if (zeroWantedSince == null) {
      zeroWantedSince = now;
    }
    Duration wanted = Duration.between(zeroWantedSince, now);
    Duration active = activeSince == null ? Duration.ZERO : Duration.between(activeSince, now);
    if (active.compareTo(settings.stableWindow()) < 0) {
      return new Decision(
          1, panic, why + "; active for less than the stable window, keeping 1 replica");
    }
    if (wanted.compareTo(settings.scaleToZeroGracePeriod()) < 0) {
      return new Decision(
          1,
          panic,
          why
              + String.format(
                  Locale.ROOT,
                  "; idle, scale to zero after the %ds grace period (%ds so far)",
                  settings.scaleToZeroGracePeriod().toSeconds(),
                  wanted.toSeconds()));
    }
    return new Decision(0, panic, why + "; idle for the grace period -> 0");
  }

  private static int clamp(int v, int low, int high) {
    return Math.min(Math.max(v, low), high);
  }
}
