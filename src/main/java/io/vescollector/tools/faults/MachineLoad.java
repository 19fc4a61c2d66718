package io.vescollector.tools.faults;

import io.vescollector.tools.ProcStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the machine was during a scenario (every process on it, this run's included) and its load
 * average: on a shared machine the figures of a run mean little without it.
 */
record MachineLoad(long startNanos, double busySeconds) {
  static MachineLoad now() {
    return new MachineLoad(System.nanoTime(), ProcStats.system().machineBusySeconds());
  }

  /** {@code machine: 1.9 of 2 cores busy over 75 s (all processes), load average 6.1 at the end}. */
  String since() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double busy = ProcStats.system().machineBusySeconds() - busySeconds;
    return String.format(Locale.ROOT, "machine: %.1f of %d cores busy over %.0f s of load (all processes), load average %s",
        busy / seconds, Runtime.getRuntime().availableProcessors(), seconds, loadAverage());
  }

  private static String loadAverage() {
    try {
      return Files.readAllLines(Path.of("/proc/loadavg")).get(0).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
