package io.vescollector.tools.compare;

import java.time.Duration;

/**
 * When a path's warm-up may stop: once the collector's JIT compiler threads have used under {@code
 * quietCores} for {@code quietSlices} slices in a row, or after {@code max}. A fixed warm-up was either
 * too short (the first path met a collector whose compiler took half its CPU for 15-30 s, and its figures
 * were the compiler's) or longer than most paths need.
 */
public record WarmUpRule(Duration slice, double quietCores, int quietSlices, Duration max) {
  /** Slices of 2 s; quiet under 5 % of a core for two slices in a row. */
  public static WarmUpRule upTo(Duration max) {
    return new WarmUpRule(Duration.ofSeconds(2), 0.05, 2, max);
  }

  /** Counts a finished slice: the quiet slices in a row so far, with this one. */
  public int quietInARow(int before, long jitNanos, long sliceNanos) {
    return jitNanos >= 0 && jitNanos < quietCores * sliceNanos ? before + 1 : 0;
  }

  /** Whether to stop after a slice: quiet long enough, or out of time. */
  public boolean done(int quietInARow, long elapsedNanos) {
    return quietInARow >= quietSlices || elapsedNanos >= max.toNanos();
  }
}
