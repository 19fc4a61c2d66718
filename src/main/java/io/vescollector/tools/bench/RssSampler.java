package io.vescollector.tools.bench;

import io.vescollector.tools.ProcStats;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples one process's resident set size every {@code periodMs} while load runs and keeps the peak:
 * the memory figure that matters is the one under load, not at rest.
 */
public final class RssSampler implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-rss-sampler");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong peakKb = new AtomicLong(-1);

  public RssSampler(ProcStats proc, long pid, long periodMs) {
    timer.scheduleAtFixedRate(() -> proc.rssKb(pid).ifPresent(kb -> peakKb.accumulateAndGet(kb, Math::max)),
        0, periodMs, TimeUnit.MILLISECONDS);
  }

  /** The highest sample so far in MiB, or null when none could be read. */
  public Double peakMb() {
    long kb = peakKb.get();
    return kb < 0 ? null : kb / 1024.0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
