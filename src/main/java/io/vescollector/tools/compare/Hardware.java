package io.vescollector.tools.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a comparison ran on, so its figures can be judged. */
public record Hardware(int cpus, String cpuModel, long memoryMb, String java, String os) {

  public static Hardware ofThisMachine() {
    return new Hardware(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMb(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long readMemoryMb() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
