package io.vescollector.tools.faults;

import io.vescollector.tools.bench.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every process one harness run started, so that none outlives it: each pid is appended to a file (after
 * this JVM's own) that the {@code bench/faults} script's trap reads if this JVM itself is killed, and {@link #killAll} (also run by a
 * shutdown hook) ends any still running, frozen ones included (SIGKILL ends a stopped process too).
 */
final class ChildProcesses implements AutoCloseable {
  private final Path pidFile;
  private final List<ChildProcess> started = new ArrayList<>();
  private final Thread hook = new Thread(this::killAll, "faults-cleanup");

  /** Lists this JVM first, so that a script cleaning up after it can stop it before it starts anything else. */
  ChildProcesses(Path pidFile) throws IOException {
    this.pidFile = pidFile;
    Files.writeString(pidFile, ProcessHandle.current().pid() + " harness" + System.lineSeparator(),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized ChildProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
    ChildProcess child = ChildProcess.start(name, command, Map.of("MALLOC_ARENA_MAX", "2"), workDir, log);
    started.add(child);
    Files.writeString(pidFile, child.pid() + " " + name + System.lineSeparator(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return child;
  }

  /** SIGKILL for every child still alive; waits for each to be gone. */
  synchronized void killAll() {
    for (ChildProcess child : started) {
      ProcessHandle.of(child.pid()).ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p).join();
      });
    }
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }
}
