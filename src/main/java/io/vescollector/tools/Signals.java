package io.vescollector.tools;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * SIGSTOP and SIGCONT, which {@link Process} cannot send: through {@code kill(1)}, to one pid the harness
 * (or a test) started. (SIGTERM and SIGKILL go through {@link Process#destroy()} and {@link Process#destroyForcibly()}.)
 */
public final class Signals {
  private Signals() {}

  public static void stop(long pid) throws IOException {
    send("-STOP", pid);
  }

  public static void cont(long pid) throws IOException {
    send("-CONT", pid);
  }

  private static void send(String signal, long pid) throws IOException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
    try {
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IOException("kill " + signal + " " + pid + " failed: " + new String(kill.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted sending " + signal + " to " + pid, e);
    }
  }
}
