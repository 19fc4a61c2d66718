package io.vescollector.tools.bench;

import io.vescollector.tools.send.LoadResult;
import java.util.List;

/**
 * One load run of a scenario with the CPU the target process used meanwhile, and what makes its
 * figures doubtful (empty when they can be believed).
 *
 * @param targetCpuSeconds user + system CPU of the target process during the run; NaN when unknown
 * @param loadGeneratorCpuSeconds the same for this process (the load generator), to see when it was the limit
 * @param brokerCpuSeconds the same for the Kafka broker
 * @param machineBusySeconds CPU time the whole machine was busy (all processes, all cores)
 */
public record MeasuredRun(String phase, LoadResult result, double targetCpuSeconds, double loadGeneratorCpuSeconds,
                          double brokerCpuSeconds, double machineBusySeconds, List<String> problems) {
  public MeasuredRun {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** Cores the target kept busy on average. */
  public double targetCores() {
    return cores(targetCpuSeconds);
  }

  /** Cores the load generator kept busy on average. */
  public double loadGeneratorCores() {
    return cores(loadGeneratorCpuSeconds);
  }

  /** Cores the broker kept busy on average. */
  public double brokerCores() {
    return cores(brokerCpuSeconds);
  }

  /** Cores busy on the whole machine on average. */
  public double machineBusyCores() {
    return cores(machineBusySeconds);
  }

  /**
   * Cores busy with anything but the target, the broker and the load generator: on a shared machine,
   * other people's work (plus, for the no-op run, the idle collector).
   */
  public double otherCores() {
    return machineBusyCores() - targetCores() - brokerCores() - loadGeneratorCores();
  }

  private double cores(double cpuSeconds) {
    double s = result.elapsed().toNanos() / 1e9;
    return s > 0 ? cpuSeconds / s : Double.NaN;
  }

  /** The target's CPU time per accepted event, in microseconds. */
  public double targetCpuMicrosPerEvent() {
    return result.eventsAccepted() > 0 ? targetCpuSeconds * 1e6 / result.eventsAccepted() : Double.NaN;
  }
}
