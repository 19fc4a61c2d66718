package io.vescollector.tools.faults;

import io.vescollector.tools.ChildProcess;
import io.vescollector.tools.Launcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One {@code ves serve} process of the harness, publishing to all three brokers, on a fixed port so that a
 * restarted collector is found where its clients left it. Ready when {@code /health/ready} answers 200.
 */
final class CollectorNode {
  private static final List<String> JVM_FLAGS = List.of("-Xms128m", "-Xmx256m", "-XX:+UseSerialGC",
      "-XX:+ExitOnOutOfMemoryError");

  private final String name;
  private final int port;
  private final Path config;
  private final String bootstrap;
  private final Path logDir;
  private final Launcher launcher;
  private final ChildProcesses children;
  private ChildProcess process;
  private int starts;

  CollectorNode(String name, int port, Path config, String bootstrap, Path logDir, Launcher launcher,
                ChildProcesses children) {
    this.name = name;
    this.port = port;
    this.config = config;
    this.bootstrap = bootstrap;
    this.logDir = logDir;
    this.launcher = launcher;
    this.children = children;
  }

  String name() {
    return name;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  void start() throws IOException {
    if (running()) {
      throw new IllegalStateException(name + " is running");
    }
    String logName = name + (starts == 0 ? "" : ".restart-" + starts);
    starts++;
    List<String> args = List.of("serve", "--config", config.toString(), "--port", Integer.toString(port),
        "--kafka-bootstrap", bootstrap);
    process = children.start(logName, launcher.command(JVM_FLAGS, args), logDir);
  }

  void awaitReady(Duration timeout) throws ChildProcess.StartFailure {
    process.awaitReady("/health/ready 200", ChildProcess.answers200(URI.create(url() + "/health/ready")), timeout);
  }

  /** kill -9. */
  void kill() {
    process.kill();
  }

  /** SIGTERM: a graceful stop; the time it took, or null when it had to be killed after {@code grace}. */
  Duration terminate(Duration grace) {
    return process.terminate(grace);
  }

  int exitValue() {
    return process.exitValue();
  }

  @Override
  public String toString() {
    return name + " (" + url() + ")";
  }
}
