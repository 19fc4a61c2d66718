package io.vescollector.receive;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The response timeout of requests waiting for Kafka, on one event loop. Every request waits at most
 * the same time, so the order of arrival is the order of the deadlines: a queue, checked by one
 * periodic sweep, replaces a Vert.x timer per request and the cost of setting and cancelling it.
 * A request is answered at most a tenth of the
 * timeout (and never more than a second) after its deadline. Not thread-safe: one instance per event
 * loop, used on that loop only.
 */
final class AckDeadlines {
  private final long timeoutNanos;
  private final LongSupplier nanoTime;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();

  /** One request's place in the queue. */
  static final class Pending {
    private final long deadline;
    private final Runnable onTimeout;
    private boolean settled;

    private Pending(long deadline, Runnable onTimeout) {
      this.deadline = deadline;
      this.onTimeout = onTimeout;
    }

    /** Kafka answered (or the request was answered otherwise): the timeout will not run. */
    void settle() {
      settled = true;
    }
  }

  AckDeadlines(long timeoutMs, LongSupplier nanoTime) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    this.nanoTime = nanoTime;
  }

  /** Sweeps on the calling verticle's event loop until the verticle is undeployed. */
  static AckDeadlines onThisEventLoop(Vertx vertx, long timeoutMs) {
    AckDeadlines deadlines = new AckDeadlines(timeoutMs, System::nanoTime);
    vertx.setPeriodic(sweepPeriodMs(timeoutMs), id -> deadlines.sweep());
    return deadlines;
  }

  /**
   * How often deadlines of {@code timeoutMs} are swept: a tenth of it, between 10 ms and 1 s. The
   * listener's one rule for swept deadlines ({@link ClientGuard}'s too).
   */
  static long sweepPeriodMs(long timeoutMs) {
    return Math.max(10, Math.min(1_000, timeoutMs / 10));
  }

  /** Runs {@code onTimeout} once the timeout has passed, unless the returned entry is settled first. */
  Pending watch(Runnable onTimeout) {
    dropSettledHead(); // keeps the queue as short as the oldest unsettled request
    Pending pending = new Pending(nanoTime.getAsLong() + timeoutNanos, onTimeout);
    queue.addLast(pending);
    return pending;
  }

  /** Times out every unsettled request whose deadline has passed. */
  void sweep() {
    long now = nanoTime.getAsLong();
    for (Pending head = queue.peekFirst(); head != null; head = queue.peekFirst()) {
      if (!head.settled && now - head.deadline < 0) {
        return;
      }
      queue.pollFirst();
      if (!head.settled) {
        head.settled = true;
        head.onTimeout.run();
      }
    }
  }

  /** Requests waiting (settled ones behind an unsettled one included). */
  int size() {
    return queue.size();
  }

  private void dropSettledHead() {
    while (!queue.isEmpty() && queue.peekFirst().settled) {
      queue.pollFirst();
    }
  }
}
