package io.vescollector.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The hardware and JVM a run was measured on: figures mean little without it. */
public record MachineInfo(int cpus, String cpuModel, long memTotalMb, String javaVersion, String os) {

  public static MachineInfo current() {
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(Path.of("/proc/cpuinfo")),
        memTotalMb(Path.of("/proc/meminfo")), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  static String cpuModel(Path cpuinfo) {
    return lines(cpuinfo).stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst().orElse("unknown");
  }

  static long memTotalMb(Path meminfo) {
    return lines(meminfo).stream().filter(l -> l.startsWith("MemTotal:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
  }

  @Override
  public String toString() {
    return cpus + " CPUs (" + cpuModel + "), " + memTotalMb + " MiB, " + javaVersion + ", " + os;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
