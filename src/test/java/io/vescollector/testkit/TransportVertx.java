package io.vescollector.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vescollector.config.NetworkTransport;
import io.vescollector.metrics.ProcessMetrics;

/** A Vert.x built as {@code serve} builds it, on one network transport; for tests that run a feature on each. */
public final class TransportVertx {
  private TransportVertx() {}

  /** On {@code transport}; the calling test is skipped, saying why, where the transport does not run. */
  public static Vertx on(NetworkTransport transport) {
    assumeTrue(transport.available(), () -> transport.key() + " does not run here (" + transport.unavailableBecause()
        + "): its part is skipped");
    Vertx vertx = ProcessMetrics.vertx(ProcessMetrics.registry(), transport.vertxTransport());
    assertEquals(transport != NetworkTransport.NIO, vertx.isNativeTransportEnabled(), "Vert.x runs on " + transport);
    return vertx;
  }
}
