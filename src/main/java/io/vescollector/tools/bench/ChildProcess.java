package io.vescollector.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process the benchmark started (broker, collector, no-op server), with its output in a log file:
 * its own process so its memory and CPU can be read apart from the others, and so that a failure to
 * start is reported with the process's own last words.
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final List<String> command;

  private ChildProcess(String name, Process process, Path log, List<String> command) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.command = command;
  }

  /** Starts {@code command} with extra environment variables; stdout and stderr go to {@code log}. */
  public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildProcess(name, builder.start(), log, List.copyOf(command));
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public List<String> command() {
    return command;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Polls {@code ready} until it holds; fails with the log's tail when the process exits first or
   * {@code timeout} passes.
   */
  public void awaitReady(String what, BooleanSupplier ready, Duration timeout) throws StartFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new StartFailure(name + " exited with status " + process.exitValue() + " before " + what
            + "\n" + tail(30));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StartFailure(name + " did not get " + what + " within " + timeout.toSeconds() + " s\n" + tail(30));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartFailure("interrupted while waiting for " + name);
      }
    }
  }

  /** The last {@code lines} lines of the process's output, indented, for error messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return "  --- last lines of " + log.getFileName() + " ---\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return "  (no output: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, so the process can shut down cleanly; SIGKILL after {@code grace}. Idempotent. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL, as {@code kill -9}: no shutdown of any kind. Returns once the process is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGTERM and the time the process took to exit, or null when it was still running after {@code grace}
   * (it is then killed). Unlike {@link #stop}, for callers that need to know how the shutdown went.
   */
  public Duration terminate(Duration grace) {
    long t0 = System.nanoTime();
    process.destroy();
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return Duration.ofNanos(System.nanoTime() - t0);
      }
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** The exit status; the process must have exited. */
  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  /** A process the benchmark needs did not start or did not become ready. */
  public static final class StartFailure extends Exception {
    public StartFailure(String message) {
      super(message);
    }
  }
}
