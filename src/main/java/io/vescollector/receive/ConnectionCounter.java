package io.vescollector.receive;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open client connections across all event loops of one collector, against the configured bound.
 * Shared by the listener's verticles so the bound holds for the process, not per event loop.
 */
public final class ConnectionCounter {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionCounter(int max) {
    this.max = max;
  }

  /** Counts a new connection, or returns false (and counts nothing) when the bound is reached. */
  boolean tryOpen() {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  void closed() {
    open.decrementAndGet();
  }

  public int open() {
    return open.get();
  }

  public int max() {
    return max;
  }
}
