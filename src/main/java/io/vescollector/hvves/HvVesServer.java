package io.vescollector.hvves;

import io.micrometer.core.instrument.MeterRegistry;
import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.RejectedEvents;
import io.vescollector.security.AuthMethod;
import io.vescollector.security.SecurityConfig;
import io.vescollector.security.TlsOptions;
import io.vescollector.security.TlsReloadable;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONAP's high-volume VES path in this collector: a TCP listener taking WTP 1.0 frames of protobuf
 * {@code VesEvent}s and publishing each event to the topic its domain (or stndDefined namespace) routes
 * to, through the collector's publisher (same producer, acks=all, same in-flight bound). Off unless
 * {@code hvVes.enabled}; then {@link #port()} is -1 and closing does nothing.
 */
public final class HvVesServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HvVesServer.class);

  private final Vertx vertx;
  private final String deploymentId;
  private final int port;
  private final List<HvVesVerticle> verticles;
  private boolean closed;

  private HvVesServer(Vertx vertx, String deploymentId, int port, List<HvVesVerticle> verticles) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.port = port;
    this.verticles = verticles;
  }

  /**
   * Listens when {@code config.enabled()}, one instance per CPU core; blocks until it does.
   *
   * @param rejected where dropped frames are copied (off when no rejected-events topic is set)
   */
  public static HvVesServer start(Vertx vertx, HvVesConfig config, EventPublisher publisher, RejectedEvents rejected,
                                  MeterRegistry registry) {
    if (!config.enabled()) {
      return new HvVesServer(vertx, null, -1, List.of());
    }
    // Vert.x shares a port among instances only when it is named: the caller resolves a port 0 first.
    int port = config.port();
    if (port == 0) {
      throw new IllegalArgumentException("hvVes.port 0 must be resolved to a free port before the listener starts");
    }
    NetServerOptions options = tls(new NetServerOptions().setHost(config.host()).setPort(port).setTcpNoDelay(true),
        config.security());
    FrameHandling handling = new FrameHandling(config, new FrameCheck(config.routes()),
        new HvVesRecords(config.collectorId()), publisher, new HvVesMetrics(registry), rejected);
    AtomicInteger open = new AtomicInteger();
    int instances = Runtime.getRuntime().availableProcessors();
    List<HvVesVerticle> verticles = new CopyOnWriteArrayList<>();
    String id = vertx.deployVerticle(() -> {
      HvVesVerticle verticle = new HvVesVerticle(options, handling, open);
      verticles.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances)).await();
    LOG.info("HV-VES listening on {}:{} ({}, {} event loops, payloads up to {} bytes, {} routes)", config.host(), port,
        !options.isSsl() ? "plain TCP" : options.getClientAuth() == ClientAuth.REQUIRED
            ? "TLS, client certificate required" : "TLS", instances, config.maxPayloadBytes(), config.routes().size());
    return new HvVesServer(vertx, id, port, verticles);
  }

  /**
   * The VES listener's TLS, if any: same certificate, protocols and trust; a client certificate is required
   * unless {@code auth.method} is none, since a certificate is HV-VES's only way to authenticate.
   */
  private static NetServerOptions tls(NetServerOptions options, SecurityConfig security) {
    return security.tls() ? TlsOptions.apply(options, security, sslOptions(security)) : options;
  }

  /** The TCP servers, for the certificate reloader: renewed files reach new HV-VES handshakes too. */
  public List<TlsReloadable> tlsListeners() {
    return verticles.stream().<TlsReloadable>map(v -> security -> v.reloadTls(sslOptions(security))).toList();
  }

  /** The VES listener's SSL options, with a client certificate required unless {@code auth.method} is none. */
  private static ServerSSLOptions sslOptions(SecurityConfig security) {
    return TlsOptions.sslOptions(security)
        .setClientAuth(security.method() == AuthMethod.NONE ? ClientAuth.NONE : ClientAuth.REQUIRED);
  }

  /** The port listened on, or -1 when off. */
  public int port() {
    return port;
  }

  /** Stops listening and closes every connection; records already handed to the publisher are its to finish. */
  @Override
  public synchronized void close() {
    if (!closed && deploymentId != null) {
      closed = true;
      vertx.undeploy(deploymentId).await();
    }
  }
}
