package io.vescollector.tools.faults;

import io.vescollector.tools.ChildProcess;
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

  /** Starts {@code command} in {@code dir}, with its output in {@code dir/<name>.log}. */
  synchronized ChildProcess start(String name, List<String> command, Path dir) throws IOException {
    ChildProcess child = ChildProcess.start(command, Map.of("MALLOC_ARENA_MAX", "2"), dir, dir.resolve(name + ".log"));
    started.add(child);
    Files.writeString(pidFile, child.pid() + " " + name + System.lineSeparator(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return child;
  }

  /** SIGKILL for every child still alive; waits for each to be gone. */
  synchronized void killAll() {
    started.forEach(ChildProcess::kill);
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
