package dev.kserve4j.server.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells when every request that started before a moment has finished, so that a repository model a
 * route no longer names is unloaded only once no request can still be on its way to it.
 *
 * <p>A request is resolved to a repository model (a revision, a canary variant) when it starts and
 * calls that model later, once its body arrived. A host that stops routing to a model therefore
 * publishes the new routes, calls {@link #awaitEarlier}, and only then unloads the model: every
 * request counted before the call may have seen the old routes and is waited for; a request counted
 * after it reads its route after the new routes were published (it counts itself before it reads
 * any route), so it cannot pick the model. No request is answered 404 for a model that was replaced
 * while it was on its way, however long its body takes to arrive (bounded by the wait's timeout).
 *
 * <p>{@link #enter} is one atomic increment, taken on event loops; {@link #awaitEarlier} blocks.
 */
public final class RequestEpochs {
  /** The requests of one epoch still running. */
  private static final class Epoch {
    final AtomicInteger running = new AtomicInteger();

    synchronized void left() {
      if (running.decrementAndGet() == 0) {
        notifyAll();
      }
    }

    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
      while (running.get() > 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  private volatile Epoch current = new Epoch();

  /** Epochs closed by an earlier wait that ran out of time; guarded by {@code this}. */
  private final Deque<Epoch> unfinished = new ArrayDeque<>();

  /**
   * Counts a request that is starting, before it reads any route; run the returned action once when
   * it finished (answered, failed or cancelled).
   */
  public Runnable enter() {
    Epoch epoch = current;
    epoch.running.incrementAndGet();
    return epoch::left;
  }

  /**
   * Waits until every request counted before this call finished, at most {@code timeout}.
   *
   * @return whether they all finished in time
   */
  public synchronized boolean awaitEarlier(Duration timeout) {
    Epoch closed = current;
    current = new Epoch();
    unfinished.addLast(closed);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!unfinished.isEmpty()) {
        if (!unfinished.peekFirst().awaitIdle(deadline)) {
          return false;
        }
        unfinished.removeFirst();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
