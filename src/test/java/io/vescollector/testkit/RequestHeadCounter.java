package io.vescollector.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerConfig;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests whose head (request line and headers) the HTTP servers of its Vert.x have read, through
 * Vert.x's metrics hook: a test can then wait until the server has begun a request that is still arriving,
 * instead of waiting some time and hoping it has.
 */
public final class RequestHeadCounter {
  private final AtomicInteger begun = new AtomicInteger();

  /** A Vert.x whose HTTP servers report each request head they read to this counter; the caller closes it. */
  public Vertx vertx() {
    HttpServerMetrics<Void, Void> heads = new HttpServerMetrics<>() {
      @Override
      public Void requestBegin(SocketAddress remoteAddress, HttpRequest request) {
        begun.incrementAndGet();
        return null;
      }
    };
    VertxMetrics metrics = new VertxMetrics() {
      @Override
      public HttpServerMetrics<?, ?> createHttpServerMetrics(HttpServerConfig config, SocketAddress tcpLocalAddress,
                                                              SocketAddress localAddress) {
        return heads;
      }
    };
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withMetrics(options -> metrics)
        .build();
  }

  /** Request heads read so far. */
  public int begun() {
    return begun.get();
  }
}
