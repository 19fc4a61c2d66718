package io.vescollector.tools.send;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code send --protocol hv-ves} does: {@code connections} TCP (or TLS) connections to one HV-VES
 * listener, perf3gpp events of {@code cells} x {@code metrics} values from {@code sources} simulated
 * network functions, at {@code rate} events per second (0 = as fast as TCP takes them), for
 * {@code duration} or {@code count} events.
 *
 * @param trustFile PEM CA certificates the listener's certificate must chain to (null: the JDK's)
 * @param certFile PEM client certificate (with {@code keyFile}), for listeners that require one
 */
public record HvVesSendOptions(String host, int port, boolean tls, boolean insecure, Path trustFile, Path certFile,
                               Path keyFile, double rate, Duration duration, long count, int connections,
                               int sources, int cells, int metrics) {
  public HvVesSendOptions {
    if (connections < 1 || sources < 1 || cells < 1 || metrics < 1) {
      throw new IllegalArgumentException("connections, sources, cells and metrics must be at least 1");
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("a client certificate needs both its certificate and its key file");
    }
    if (duration == null && count <= 0) {
      throw new IllegalArgumentException("give a duration or a count");
    }
  }
}
