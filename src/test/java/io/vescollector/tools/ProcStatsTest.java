package io.vescollector.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a process's CPU and the machine's from /proc: the collector's own figures, apart from the broker's. */
class ProcStatsTest {
  @TempDir
  Path proc;

  @Test
  void cpuIsUtimePlusStimeCountedAfterTheCommandNameEvenWithSpacesAndParentheses() throws Exception {
    Files.createDirectories(proc.resolve("42"));
    // Fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    Files.writeString(proc.resolve("42/stat"), "42 (java (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0");
    ProcStats stats = new ProcStats(proc, 100);
    assertEquals(3.0, stats.cpuSeconds(42), 1e-9);
  }

  @Test
  void jitCpuIsTheCompilerThreadsCpuAlone() throws Exception {
    writeTask(42, 42, "java", 500, 100);
    writeTask(42, 43, "C2 CompilerThre", 120, 30);
    writeTask(42, 44, "C1 CompilerThre", 40, 10);
    writeTask(42, 45, "vert.x-eventloo", 900, 100);
    ProcStats stats = new ProcStats(proc, 100);
    assertEquals(2.0, stats.jitCpuSeconds(42), 1e-9);
    assertTrue(Double.isNaN(stats.jitCpuSeconds(99)), "a process that is gone has no figure");
  }

  private void writeTask(long pid, long tid, String comm, long utime, long stime) throws Exception {
    Path task = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
    Files.writeString(task.resolve("stat"), tid + " (" + comm + ") S 1 42 42 0 -1 4194560 100 0 0 0 " + utime + " "
        + stime + " 0 0 20 0 30 0");
  }

  @Test
  void theMachineIsBusyForAllButIdleAndIowait() throws Exception {
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    Files.writeString(proc.resolve("stat"), "cpu  1000 10 300 5000 700 20 30 40 99 0\ncpu0 1 2 3 4 5 6 7 8 9 0\n");
    assertEquals(14.0, new ProcStats(proc, 100).machineBusySeconds(), 1e-9);
  }

  @Test
  void theLoadAverageIsTheFirstFieldOfLoadavg() throws Exception {
    ProcStats stats = new ProcStats(proc, 100);
    assertEquals("unknown", stats.loadAverage());
    Files.writeString(proc.resolve("loadavg"), "6.10 3.02 1.50 3/812 4242\n");
    assertEquals("6.10", stats.loadAverage());
    assertTrue(stats.machineLoad().since().endsWith("load average 6.10"), stats.machineLoad().since());
  }

  @Test
  void aProcessThatIsGoneHasNoFigures() {
    ProcStats stats = new ProcStats(proc, 100);
    assertTrue(Double.isNaN(stats.cpuSeconds(99)));
  }

  @Test
  void theLiveProcReadsThisProcess() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc on this system: nothing live to read");
    ProcStats stats = ProcStats.system();
    long self = ProcessHandle.current().pid();
    assertTrue(stats.cpuSeconds(self) > 0, "a JVM that ran tests has used CPU");
  }
}
