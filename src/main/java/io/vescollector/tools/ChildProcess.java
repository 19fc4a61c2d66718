package io.vescollector.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process a tool started (a broker, a collector), with its output in a log file: its own process so
 * that its CPU can be read apart from the tool's, and a fault can be dealt to it alone, and so that a
 * failure to start is reported with the process's own last words.
 */
public final class ChildProcess {
  private final Process process;
  private final Path log;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with extra environment variables; stdout and stderr go to {@code log}, whose name
   * (less {@code .log}) names the process in messages.
   */
  public static ChildProcess start(List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildProcess(builder.start(), log);
  }

  private String name() {
    return log.getFileName().toString().replaceFirst("\\.log$", "");
  }

  public long pid() {
    return process.pid();
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
        throw new StartFailure(name() + " exited with status " + process.exitValue() + " before " + what
            + "\n" + tail(30));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StartFailure(name() + " did not get " + what + " within " + timeout.toSeconds() + " s\n" + tail(30));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartFailure("interrupted while waiting for " + name());
      }
    }
  }

  /** A readiness check for {@link #awaitReady}: whether {@code url} answers 200 now (a collector's /health/ready). */
  public static BooleanSupplier answers200(URI url) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build();
    return () -> {
      try {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
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
   * SIGTERM, so that the process can shut down cleanly, and the time it took to exit, or null when it was
   * still running after {@code grace} (it is then killed).
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

  /** A process a tool needs did not start or did not become ready. */
  public static final class StartFailure extends Exception {
    public StartFailure(String message) {
      super(message);
    }
  }
}
