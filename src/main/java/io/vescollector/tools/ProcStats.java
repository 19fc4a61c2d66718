package io.vescollector.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a process's CPU and the whole machine's from Linux's {@code /proc}, so that a tool can charge the
 * collector alone (not the broker, not the load generator) and say how busy the shared machine was. NaN
 * (or "unknown") where {@code /proc} is absent.
 */
public final class ProcStats {
  private final Path proc;
  private final long ticksPerSecond;

  public ProcStats(Path proc, long ticksPerSecond) {
    this.proc = proc;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** The live system's {@code /proc}, with the kernel's clock-tick rate ({@code getconf CLK_TCK}, else 100). */
  public static ProcStats system() {
    return new ProcStats(Path.of("/proc"), clockTicks());
  }

  /** User + system CPU time consumed so far ({@code utime + stime} of {@code /proc/<pid>/stat}), in seconds. */
  public double cpuSeconds(long pid) {
    try {
      return cpuTicks(Files.readString(proc.resolve(pid + "/stat"))) / (double) ticksPerSecond;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * CPU time of the process's JIT compiler threads so far ({@code C1 CompilerThread*}, {@code C2
   * CompilerThread*} in {@code /proc/<pid>/task}), in seconds: a JVM still compiling charges its
   * warm-up to whatever it was measured doing. NaN where {@code /proc} cannot be read.
   */
  public double jitCpuSeconds(long pid) {
    try (var tasks = Files.list(proc.resolve(pid + "/task"))) {
      long ticks = 0;
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended meanwhile
        }
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
          ticks += cpuTicks(stat);
        }
      }
      return ticks / (double) ticksPerSecond;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * CPU time the whole machine has been busy so far (all cores: user, nice, system, irq, softirq,
   * steal of {@code /proc/stat}), in seconds: with the processes' own figures it shows how much of the
   * machine other work took during a run.
   */
  public double machineBusySeconds() {
    try {
      return machineBusyTicks(Files.readAllLines(proc.resolve("stat")).get(0)) / (double) ticksPerSecond;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The one-minute load average ({@code /proc/loadavg}), as the kernel writes it. */
  public String loadAverage() {
    try {
      return Files.readAllLines(proc.resolve("loadavg")).get(0).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Marks now, to say later how busy the machine was since. */
  public MachineLoad machineLoad() {
    return new MachineLoad(System.nanoTime(), machineBusySeconds());
  }

  /** How busy the machine has been since a mark (every process on it): a run's figures mean little without it. */
  public final class MachineLoad {
    private final long startNanos;
    private final double busySeconds;

    private MachineLoad(long startNanos, double busySeconds) {
      this.startNanos = startNanos;
      this.busySeconds = busySeconds;
    }

    /** {@code machine: 1.9 of 2 cores busy over 75 s of load (all processes), load average 6.1}. */
    public String since() {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double busy = machineBusySeconds() - busySeconds;
      return String.format(Locale.ROOT, "machine: %.1f of %d cores busy over %.0f s of load (all processes), load average %s",
          busy / seconds, Runtime.getRuntime().availableProcessors(), seconds, loadAverage());
    }
  }

  /** Busy ticks of the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal ... */
  static long machineBusyTicks(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += i < f.length ? Long.parseLong(f[i]) : 0;
    }
    return busy;
  }

  /** utime + stime in clock ticks: fields 14 and 15, counted after the command name's closing parenthesis. */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
