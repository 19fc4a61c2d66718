package io.vescollector.receive;

import io.vescollector.publish.Refusal;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per refused request (request id, status, messageId, client address; never the body,
 * which may hold anything), at most {@code perSecond} lines a second for the whole collector. Past
 * that, refusals are only counted, and the first refusal of a later second logs "... and K more
 * refusals" before its own line: a flood of bad requests cannot fill the disk. The counts are in
 * {@code ves_events_rejected} either way.
 */
final class RefusalLog {
  private final Consumer<String> sink;
  private final int perSecond;
  private final LongSupplier nanoTime;
  private long windowStart;
  private int loggedInWindow;
  private long suppressed;
  private long suppressedSince;

  /**
   * @param sink receives each line, outside this object's lock
   * @param nanoTime {@link System#nanoTime} but in tests
   */
  RefusalLog(Consumer<String> sink, int perSecond, LongSupplier nanoTime) {
    this.sink = sink;
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** Lines to this class's logger at INFO. */
  static RefusalLog toLogger(int perSecond) {
    return new RefusalLog(LoggerFactory.getLogger(RefusalLog.class)::info, perSecond, System::nanoTime);
  }

  void refused(Refusal r) {
    long now = nanoTime.getAsLong();
    long unlogged = 0;
    long unloggedForMs = 0;
    synchronized (this) {
      if (now - windowStart >= TimeUnit.SECONDS.toNanos(1)) {
        windowStart = now;
        loggedInWindow = 0;
        unlogged = suppressed;
        unloggedForMs = TimeUnit.NANOSECONDS.toMillis(now - suppressedSince);
        suppressed = 0;
      }
      if (loggedInWindow >= perSecond) {
        if (suppressed++ == 0) {
          suppressedSince = now;
        }
        return;
      }
      loggedInWindow++;
    }
    if (unlogged > 0) {
      sink.accept("... and " + unlogged + " more refusals in the last " + unloggedForMs + " ms, not logged (at most "
          + perSecond + " lines a second)");
    }
    sink.accept(line(r));
  }

  static String line(Refusal r) {
    return "Refused request " + (r.requestId() == null ? "(no id)" : r.requestId()) + ": " + r.status() + " "
        + r.messageId() + " from " + r.sourceAddress()
        + (r.principal() == null ? "" : " (principal '" + r.principal() + "')")
        + (r.truncated() ? ", body not read whole" : "");
  }
}
