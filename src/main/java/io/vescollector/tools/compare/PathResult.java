package io.vescollector.tools.compare;

/**
 * The figures of one path in one phase. CPU figures are null where they do not apply (no collector on
 * the message-bus path) or could not be measured. The collector's CPU leaves out its JIT compiler
 * threads, whose time is {@code collectorJitMsPer1kValues}: compiling is warm-up, not the path's cost.
 */
public record PathResult(PathKind path, Phase phase, double offeredValuesPerSecond, double seconds,
                         long valuesSent, long valuesReceived, long errors,
                         double valuesPerSecond, double p50Ms, double p99Ms, double maxMs,
                         double bytesPerValue, Double collectorCpuMsPer1kValues, Double collectorJitMsPer1kValues,
                         Double producerCpuMsPer1kValues) {

  public long loss() {
    return valuesSent - valuesReceived;
  }
}
