package io.vescollector.tools.faults;

import io.vescollector.tools.ChildProcess;
import io.vescollector.tools.Launcher;
import io.vescollector.tools.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * One {@code ves broker} process of the harness's cluster: a fixed node id, broker and controller port and
 * data directory, so that a restart brings back the same node with its data. Each start gets a log of its
 * own ({@code broker-2.log}, {@code broker-2.restart-1.log}, ...).
 */
final class BrokerNode {
  /** Printed by {@code ves broker} once the node serves clients. */
  private static final String LISTENING = "Kafka broker listening on";
  private static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx384m", "-XX:+UseSerialGC",
      "-XX:+ExitOnOutOfMemoryError");

  private final int nodeId;
  private final int port;
  private final int controllerPort;
  private final String voters;
  private final Path dataDir;
  private final Path logDir;
  private final Launcher launcher;
  private final ChildProcesses children;
  private ChildProcess process;
  private int starts;

  BrokerNode(int nodeId, int port, int controllerPort, String voters, Path dataDir, Path logDir, Launcher launcher,
             ChildProcesses children) {
    this.nodeId = nodeId;
    this.port = port;
    this.controllerPort = controllerPort;
    this.voters = voters;
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.launcher = launcher;
    this.children = children;
  }

  int nodeId() {
    return nodeId;
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  int controllerPort() {
    return controllerPort;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Starts the process; {@link #awaitServing} waits for it. */
  void start() throws IOException {
    if (running()) {
      throw new IllegalStateException("broker " + nodeId + " is running");
    }
    String name = "broker-" + nodeId + (starts == 0 ? "" : ".restart-" + starts);
    starts++;
    Files.createDirectories(dataDir);
    List<String> args = List.of("broker", "--node-id", Integer.toString(nodeId), "--port", Integer.toString(port),
        "--data-dir", dataDir.toString(), "--voters", voters, "--replication-factor", "3",
        "--min-insync-replicas", "2");
    process = children.start(name, launcher.command(JVM_FLAGS, args), logDir);
  }

  /** Until the node says it serves clients (a majority of the voters must be running for that). */
  void awaitServing(Duration timeout) throws ChildProcess.StartFailure {
    process.awaitReady("to serve clients", this::saysListening, timeout);
  }

  private boolean saysListening() {
    try {
      return Files.readString(process.log(), StandardCharsets.UTF_8).contains(LISTENING);
    } catch (IOException e) {
      return false;
    }
  }

  /** kill -9. */
  void kill() {
    process.kill();
  }

  /** SIGTERM: a controlled shutdown; the time it took, or null when it had to be killed after {@code grace}. */
  Duration terminate(Duration grace) {
    return process.terminate(grace);
  }

  void freeze() throws IOException {
    Signals.stop(process.pid());
  }

  void thaw() throws IOException {
    Signals.cont(process.pid());
  }

  /** Deletes the node's data (it must be stopped); its logs stay. */
  void deleteData() throws IOException {
    if (running()) {
      throw new IllegalStateException(this + " is running");
    }
    if (Files.exists(dataDir)) {
      try (var paths = Files.walk(dataDir)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "broker " + nodeId + " (" + bootstrap() + ")";
  }
}
