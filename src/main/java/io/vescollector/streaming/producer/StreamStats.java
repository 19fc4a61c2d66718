package io.vescollector.streaming.producer;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a producer run sent, for the progress lines and the final report. */
public final class StreamStats {
  private final LongAdder units = new LongAdder();
  private final LongAdder values = new LongAdder();
  private final LongAdder wireBytes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLong startNanos = new AtomicLong();

  /** Rates are measured from the first unit sent, not from connection set-up. */
  public void sent(int valueCount, long bytesOnWire) {
    if (startNanos.get() == 0) {
      startNanos.compareAndSet(0, System.nanoTime());
    }
    units.increment();
    values.add(valueCount);
    wireBytes.add(bytesOnWire);
  }

  public void error() {
    errors.increment();
  }

  public long units() {
    return units.sum();
  }

  public long values() {
    return values.sum();
  }

  public long errors() {
    return errors.sum();
  }

  /** Bytes of one WebSocket binary frame sent by a client: payload, header, 4-byte mask. */
  public static long frameBytes(int payload) {
    int header = payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
    return payload + header + 4L;
  }

  public void print(PrintStream out, String label) {
    long start = startNanos.get();
    double s = start == 0 ? 1e-9 : Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    out.printf("%s %.1f s: %d units, %d values, %.1f MB on the wire, %.0f units/s, %.0f values/s, %d errors%n",
        label, s, units.sum(), values.sum(), wireBytes.sum() / 1e6, units.sum() / s, values.sum() / s, errors.sum());
  }
}
