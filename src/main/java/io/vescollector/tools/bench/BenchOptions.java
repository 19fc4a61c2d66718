package io.vescollector.tools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a benchmark run is built.
 *
 * @param warmup closed-loop load on each target before it is measured (JIT, pools, topic leaders)
 * @param measure length of each measured run (closed loop, then open loop)
 * @param out where the full run writes bench.json, bench.md and bench.png; null = write nothing
 * @param collectorJvmFlags JVM flags of the collector and the no-op server (the same, for a fair ceiling)
 * @param collectorSettings collector configuration keys (e.g. {@code kafka.producer.linger.ms}) passed as
 *     {@code VES_*} environment variables
 * @param openLoopFraction the open-loop rate as a fraction of the closed loop's throughput
 * @param clientLoops closed loops only: load-generator event loops sharing the connections
 */
public record BenchOptions(boolean quick, Duration warmup, Duration measure, Path out, List<String> collectorJvmFlags,
                           Map<String, String> collectorSettings, int singleConcurrency, int batchConcurrency,
                           int batchSize, double openLoopFraction, int eventLoops, int clientLoops,
                           Duration startTimeout) {

  /**
   * A fixed heap (no resizing mid-run) and a bounded native footprint for the 256 MB RSS target. Native
   * memory measured with NMT under load is about 100 MB (classes 38, GC 15, code 16, symbols 9, compiler
   * arenas 20). With the parallel collector the full run peaked at 278–281 MB RSS; the serial collector
   * (a 128 MB heap needs no parallel GC threads on two cores), a 64 MB code cache and 512 KB stacks gave
   * 222 MB, with batch throughput unchanged and single events about 10 % lower, within the runs' noise.
   * A large young generation with survivors of a sixth of it (-Xmn, SurvivorRatio=4) holds the requests in
   * flight until they die: with the default split (a third, 1/10 survivors), 64 batches in flight were
   * promoted and the old generation filled, a full GC (60-97 ms) every 0.7 s and batch p99 467 ms. Since
   * the publisher lets go of records once the producer has them, a request waiting for Kafka holds little,
   * and 96 MB (64 young) did what 128 (72 young) did: no full GC under load in a full run, peak RSS 224 MB
   * instead of 275. Exit on OOM rather than limp on.
   */
  public static final String DEFAULT_JVM_FLAGS_TEXT = "-Xms96m -Xmx96m -Xmn64m -XX:SurvivorRatio=4 -XX:+UseSerialGC "
      + "-XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -Xss512k -XX:+ExitOnOutOfMemoryError";
  /** {@link #DEFAULT_JVM_FLAGS_TEXT} as a list; the text is a constant so that `bench --help` can show it. */
  public static final List<String> DEFAULT_JVM_FLAGS = List.of(DEFAULT_JVM_FLAGS_TEXT.split(" "));

  public BenchOptions {
    collectorJvmFlags = List.copyOf(collectorJvmFlags);
    collectorSettings = Map.copyOf(collectorSettings);
    if (singleConcurrency < 1 || batchConcurrency < 1 || batchSize < 2 || eventLoops < 1 || clientLoops < 1) {
      throw new IllegalArgumentException("concurrency and event loops must be at least 1, the batch size at least 2");
    }
    if (openLoopFraction <= 0 || openLoopFraction > 1) {
      throw new IllegalArgumentException("the open-loop fraction must be in (0, 1]");
    }
    if (measure.toMillis() < 1_000 || warmup.isNegative()) {
      throw new IllegalArgumentException("--duration must be at least 1s (a rate needs a run), --warmup at least 0s; "
          + "found " + measure.toMillis() + " ms and " + warmup.toMillis() + " ms");
    }
  }

  /** {@code --quick}: 3 s warm-ups and 4 s runs, about 45 s including start-ups; else 30 s and 30 s. */
  public static BenchOptions defaults(boolean quick) {
    return new BenchOptions(quick, Duration.ofSeconds(quick ? 3 : 30), Duration.ofSeconds(quick ? 4 : 30),
        quick ? null : Path.of("target", "bench"), DEFAULT_JVM_FLAGS, Map.of(), 64, 16, 100, 0.7,
        Runtime.getRuntime().availableProcessors(), 2, Duration.ofSeconds(60));
  }
}
