package io.vescollector.hvves;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's HV-VES listener; the server deploys one per event loop on the same port and Vert.x
 * spreads connections across them. Idle connections are found by a sweep rather than by Netty's read-idle
 * timeout, because a connection the collector has stopped reading (back-pressure) is not idle.
 */
final class HvVesVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HvVesVerticle.class);
  private final NetServerOptions options;
  private final FrameHandling handling;
  private final AtomicInteger open;
  private final Set<HvVesConnection> connections = new HashSet<>();
  private NetServer server;
  private long sweeper = -1;

  /** @param open connections open on every instance, against {@code hvVes.maxConnections} */
  HvVesVerticle(NetServerOptions options, FrameHandling handling, AtomicInteger open) {
    this.options = options;
    this.handling = handling;
    this.open = open;
  }

  @Override
  public Future<?> start() {
    long idleNanos = TimeUnit.SECONDS.toNanos(handling.config().idleTimeoutSeconds());
    long sweepMs = Math.max(100, Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4));
    sweeper = vertx.setPeriodic(sweepMs, t -> {
      long now = System.nanoTime();
      for (HvVesConnection c : List.copyOf(connections)) {
        c.closeIfIdle(now, idleNanos);
      }
    });
    server = vertx.createNetServer(options).connectHandler(this::connected);
    return server.listen();
  }

  private void connected(NetSocket socket) {
    if (open.incrementAndGet() > handling.config().maxConnections()) {
      open.decrementAndGet();
      handling.metrics().rejected(HvVesMetrics.Rejection.CONNECTION_LIMIT);
      socket.close();
      return;
    }
    String subject = ClientCertificate.subject(socket);
    String refused = ClientCertificate.refusal(subject, handling.config().security());
    if (refused != null) {
      open.decrementAndGet();
      LOG.info("HV-VES connection from {} refused: {}", socket.remoteAddress(), refused);
      handling.metrics().rejected(HvVesMetrics.Rejection.CERTIFICATE);
      socket.close();
      return;
    }
    HvVesConnection connection = new HvVesConnection(vertx, socket, subject, handling, closed -> {
      open.decrementAndGet();
      connections.remove(closed);
    });
    connections.add(connection);
    connection.start();
  }

  int actualPort() {
    return server.actualPort();
  }

  /** New handshakes use {@code ssl}; open connections keep the certificate they were made with. */
  Future<Boolean> reloadTls(ServerSSLOptions ssl) {
    return server.updateSSLOptions(ssl, true);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    return server == null ? Future.succeededFuture() : server.close();
  }
}
