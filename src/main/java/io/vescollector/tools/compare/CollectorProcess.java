package io.vescollector.tools.compare;

import io.vescollector.tools.ProcStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The collector under test as a child {@code serve} process (same Java, same class path), so its CPU
 * time is its own (/proc/&lt;pid&gt;/stat) and not mixed with the load generator, the consumer and the
 * broker that share this JVM. Its output goes to a log file in the report directory.
 */
final class CollectorProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private CollectorProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static CollectorProcess start(Path config, int port, String bootstrap, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.vescollector.cli.Main");
    command.addAll(List.of("serve", "--config", config.toString(), "--port", Integer.toString(port),
        "--kafka-bootstrap", bootstrap));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    CollectorProcess collector = new CollectorProcess(p, port);
    try {
      collector.awaitReady(Duration.ofSeconds(90), log);
    } catch (IOException | RuntimeException e) {
      collector.close();
      throw e;
    }
    return collector;
  }

  private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the collector exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IOException("the collector was not ready within " + timeout.toSeconds() + " s; see " + log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** User + system CPU time of the process so far, in nanoseconds; -1 where /proc is not available. */
  long cpuNanos() {
    return nanos(ProcStats.system().cpuSeconds(process.pid()));
  }

  /** CPU time of the process's JIT compiler threads so far, in nanoseconds; -1 where /proc is not available. */
  long jitCpuNanos() {
    return nanos(ProcStats.system().jitCpuSeconds(process.pid()));
  }

  private static long nanos(double seconds) {
    return Double.isNaN(seconds) ? -1 : (long) (seconds * 1e9);
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: graceful shutdown
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
