package io.vescollector.publish;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts events and bytes handed to Kafka and not yet acknowledged, and refuses work beyond the
 * bounds. This is what keeps memory bounded when Kafka is slow or gone: the caller answers 503 at
 * once instead of queueing.
 */
public final class InFlight {
  private final long maxEvents;
  private final long maxBytes;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public InFlight(long maxEvents, long maxBytes) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /** Takes room for the records, or returns false and takes nothing. */
  public boolean tryAcquire(int eventCount, long byteCount) {
    long e = events.addAndGet(eventCount);
    long b = bytes.addAndGet(byteCount);
    // A single request larger than the bound is let through alone, or it could never be sent.
    boolean alone = e == eventCount && b == byteCount;
    if ((e > maxEvents || b > maxBytes) && !alone) {
      release(eventCount, byteCount);
      return false;
    }
    return true;
  }

  public void release(int eventCount, long byteCount) {
    events.addAndGet(-eventCount);
    bytes.addAndGet(-byteCount);
  }

  public long events() {
    return events.get();
  }

  public long bytes() {
    return bytes.get();
  }

  public long maxEvents() {
    return maxEvents;
  }

  public long maxBytes() {
    return maxBytes;
  }
}
