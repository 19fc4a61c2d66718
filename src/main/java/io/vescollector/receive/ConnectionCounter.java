package io.vescollector.receive;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open client connections across all event loops of one collector, against two bounds: one for the
 * process, and one per client address, so that one sender holding connections open cannot take every
 * slot from the others. Shared by the listener's verticles so the bounds hold for the process, not per
 * event loop. The per-address counts exist only for admitted connections, so there are never more of
 * them than the process bound.
 */
public final class ConnectionCounter {
  /** Whether a new connection counts, and if not, which bound it met. */
  public enum Admission { ADMITTED, PROCESS_FULL, ADDRESS_FULL }

  private final int max;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
  private final AtomicLong refusedProcessFull = new AtomicLong();
  private final AtomicLong refusedAddressFull = new AtomicLong();

  /** @param maxPerAddress connections one address may hold; 0 for no such bound */
  public ConnectionCounter(int max, int maxPerAddress) {
    this.max = max;
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts a new connection from {@code address}, or counts nothing and says which bound it met. */
  Admission tryOpen(String address) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refusedProcessFull.incrementAndGet();
      return Admission.PROCESS_FULL;
    }
    if (maxPerAddress > 0) {
      boolean[] full = {false};
      perAddress.compute(address, (a, n) -> {
        int count = n == null ? 0 : n;
        full[0] = count >= maxPerAddress;
        return full[0] ? n : count + 1;
      });
      if (full[0]) {
        open.decrementAndGet();
        refusedAddressFull.incrementAndGet();
        return Admission.ADDRESS_FULL;
      }
    }
    return Admission.ADMITTED;
  }

  /** An admitted connection from {@code address} closed. */
  void closed(String address) {
    if (maxPerAddress > 0) {
      perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
    open.decrementAndGet();
  }

  public int open() {
    return open.get();
  }

  public int max() {
    return max;
  }

  public int maxPerAddress() {
    return maxPerAddress;
  }

  /** Addresses holding at least one admitted connection. */
  public int addresses() {
    return perAddress.size();
  }

  /** Connections refused so far because the process bound was reached. */
  public long refusedProcessFull() {
    return refusedProcessFull.get();
  }

  /** Connections refused so far because their address held its bound. */
  public long refusedAddressFull() {
    return refusedAddressFull.get();
  }
}
