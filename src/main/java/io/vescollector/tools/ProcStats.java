package io.vescollector.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads one process's memory and CPU from Linux's {@code /proc}, so the benchmark can charge the
 * collector alone (not the broker, not the load generator). Empty where {@code /proc} is absent.
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

  /** Resident set size now ({@code VmRSS}), in kB. */
  public OptionalLong rssKb(long pid) {
    return statusField(pid, "VmRSS:");
  }

  /** Peak resident set size over the process's life ({@code VmHWM}), in kB. */
  public OptionalLong peakRssKb(long pid) {
    return statusField(pid, "VmHWM:");
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

  private OptionalLong statusField(long pid, String name) {
    try {
      for (String line : Files.readAllLines(proc.resolve(pid + "/status"))) {
        if (line.startsWith(name)) {
          return OptionalLong.of(Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process has gone, or this is no Linux.
    }
    return OptionalLong.empty();
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
