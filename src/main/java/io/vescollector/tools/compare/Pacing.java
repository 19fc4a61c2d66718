package io.vescollector.tools.compare;

/**
 * When a producer sends its next period. FIXED: period n of producer k at {@code start + (n + k/K) /
 * rate} and stamped with that intended time, so a sender that falls behind shows it as latency
 * (no coordinated omission); MAX: whenever the path has room, stamped with the actual send time.
 */
public record Pacing(Phase phase, double periodsPerSecondPerProducer, long durationNanos) {

  public static Pacing fixed(double periodsPerSecondPerProducer, long durationNanos) {
    return new Pacing(Phase.FIXED, periodsPerSecondPerProducer, durationNanos);
  }

  public static Pacing max(long durationNanos) {
    return new Pacing(Phase.MAX, 0, durationNanos);
  }

  /** Intended send time of period n of producer k, nanoseconds after the start. */
  public long dueNanos(long n, int k, int producers) {
    return (long) ((n + (double) k / producers) * 1e9 / periodsPerSecondPerProducer);
  }
}
