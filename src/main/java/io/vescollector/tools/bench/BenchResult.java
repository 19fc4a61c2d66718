package io.vescollector.tools.bench;

import io.vescollector.tools.MachineInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a benchmark run measured and how it was set up, for the report files.
 *
 * @param loadGeneratorFlags the JVM flags of the process running the load generator (this one)
 * @param rssPeakMb the collector's highest sampled VmRSS under load (MiB)
 * @param rssHwmMb the collector's VmHWM at the end: its peak RSS over its whole life (MiB)
 * @param eventsAccepted events the collector answered 2xx for, warm-ups included
 * @param recordsInKafka records in the fault topic at the end; null when they could not be counted
 * @param warnings things to know that do not invalidate the figures (e.g. errors during a warm-up)
 * @param problems things that do: errors in a measured run, loss
 */
public record BenchResult(Instant started, Duration wallClock, boolean quick, MachineInfo machine,
                          List<String> jvmFlags, List<String> loadGeneratorFlags,
                          Map<String, String> collectorSettings, int eventLoops,
                          int singleBodyBytes, int batchBodyBytes, double openLoopFraction, Duration warmup,
                          Duration measure, Scenario noop, Scenario single, Scenario batch, BenchFigures figures,
                          Double rssPeakMb, Double rssHwmMb, long eventsAccepted, Long recordsInKafka,
                          List<String> warnings, List<String> problems) {

  public BenchResult {
    jvmFlags = List.copyOf(jvmFlags);
    loadGeneratorFlags = List.copyOf(loadGeneratorFlags);
    collectorSettings = Map.copyOf(collectorSettings);
    warnings = List.copyOf(warnings);
    problems = List.copyOf(problems);
  }

  /** True when every measured run was clean and nothing was lost. */
  public boolean valid() {
    return problems.isEmpty() && figures.complete();
  }

  public List<Scenario> scenarios() {
    return List.of(noop, single, batch);
  }
}
