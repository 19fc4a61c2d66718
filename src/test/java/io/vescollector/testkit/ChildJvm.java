package io.vescollector.testkit;

import static org.awaitility.Awaitility.await;

import io.vescollector.tools.Launcher;
import io.vescollector.tools.Signals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One of the project's commands ({@code broker}, {@code serve}, ...) in a JVM of its own, on the test's
 * class path, with its output in a log file: for tests that need to signal a process (SIGSTOP a
 * broker, SIGTERM a collector) the way operators and faults do, one process at a time.
 */
public final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java <jvmOptions> -cp <test class path> io.vescollector.cli.Main <args>}, as the fault harness does. */
  public static ChildJvm start(String name, Path log, List<String> jvmOptions, String... args) throws IOException {
    Process process = new ProcessBuilder(Launcher.current().command(jvmOptions, List.of(args)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(name, process, log);
  }

  /** Waits until something listens on {@code port} of 127.0.0.1; fails with the log's end if the process dies. */
  public void awaitListening(int port, Duration timeout) throws IOException {
    try {
      await().atMost(timeout).dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(() -> listening(port) || !process.isAlive());
    } catch (ConditionTimeoutException e) {
      throw new IOException(name + " did not listen on " + port + " within " + timeout + ":\n" + tail());
    }
    if (!process.isAlive()) {
      throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail());
    }
  }

  private static boolean listening(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** SIGSTOP: the process stops answering, its sockets stay open. */
  public void freeze() throws IOException {
    Signals.stop(process.pid());
  }

  /** SIGTERM, as an orchestrator stops a process. */
  public void terminate() {
    process.destroy();
  }

  /** The exit status once the process ended within {@code timeout}; -1 if it is still running. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public long pid() {
    return process.pid();
  }

  /** The last lines of the log, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Resumes a stopped process and ends it for good. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        Signals.cont(process.pid());
      } catch (IOException e) {
        // it may have ended meanwhile
      }
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
