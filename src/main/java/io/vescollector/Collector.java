package io.vescollector;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vescollector.config.CollectorConfig;
import io.vescollector.hvves.HvVesServer;
import io.vescollector.kafka.KafkaHealth;
import io.vescollector.publish.KafkaEventPublisher;
import io.vescollector.streaming.target.StreamingTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running collector: the HTTP listener on its event loops, the shared Kafka producer and its
 * sender thread, and the readiness check. Stateless apart from work in flight, so many collectors can
 * run behind one load balancer on one Kafka cluster.
 */
public final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final Vertx vertx;
  private final Admin admin;
  private final KafkaEventPublisher publisher;
  private final KafkaHealth health;
  private final List<String> deploymentIds;
  private final int port;
  private final ShutdownBudget shutdown;
  private final StreamingTarget streaming;
  private final List<AutoCloseable> resources;
  /** The HV-VES listener (a no-op when hvVes.enabled is false). */
  private final HvVesServer hvVes;
  private boolean closed;

  /** Built by {@link CollectorStartup}, which hands over what it started. */
  Collector(Vertx vertx, Admin admin, KafkaEventPublisher publisher, KafkaHealth health,
            List<String> deploymentIds, int port, long shutdownGraceMs, StreamingTarget streaming,
            List<AutoCloseable> resources, HvVesServer hvVes) {
    this.hvVes = hvVes;
    this.streaming = streaming;
    this.resources = resources;
    this.vertx = vertx;
    this.admin = admin;
    this.publisher = publisher;
    this.health = health;
    this.deploymentIds = List.copyOf(deploymentIds);
    this.port = port;
    this.shutdown = new ShutdownBudget(shutdownGraceMs);
  }

  /** Starts a collector publishing to {@code config.kafka().bootstrapServers()}; blocks until it listens. */
  public static Collector start(Vertx vertx, CollectorConfig config) {
    return start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * As {@link #start(Vertx, CollectorConfig)}, reporting to a registry Vert.x may report to as well. When a
   * step fails, what the earlier steps built (Kafka clients, threads, verticles) is closed before the
   * failure is thrown, so that a failed start leaves nothing running ({@link CollectorStartup}).
   */
  public static Collector start(Vertx vertx, CollectorConfig config, PrometheusMeterRegistry registry) {
    if (!config.kafka().clients().hasBootstrapServers()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers configured");
    }
    return new CollectorStartup(vertx, config, registry).start();
  }

  public int port() {
    return port;
  }

  /** The HV-VES listener's port, or -1 when hvVes.enabled is false. */
  public int hvVesPort() {
    return hvVes.port();
  }

  private static Duration until(long nanoTime) {
    return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
  }

  /**
   * Graceful and bounded: stops accepting connections, lets requests in flight finish (they wait for
   * Kafka as usual), then closes the producer, which sends what it holds, then the Kafka clients; all
   * within {@code server.shutdownGraceMs}, even when Kafka does not answer ({@link ShutdownBudget}).
   * Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    long drainEnd = start + TimeUnit.MILLISECONDS.toNanos(shutdown.drainMs());
    long flushEnd = drainEnd + TimeUnit.MILLISECONDS.toNanos(shutdown.flushMs());
    long deadline = flushEnd + TimeUnit.MILLISECONDS.toNanos(shutdown.clientsMs());
    try {
      Future.all(deploymentIds.stream().map(vertx::undeploy).toList()).toCompletionStage().toCompletableFuture()
          .get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainEnd - System.nanoTime())), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Stopping the HTTP listener did not finish cleanly: {}", e.toString());
    }
    hvVes.close();
    health.close();
    publisher.close(until(flushEnd));
    if (streaming != null) {
      streaming.close(until(deadline));
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.debug("Closing {} failed: {}", resource, e.toString());
      }
    }
    admin.close(until(deadline));
    LOG.info("Collector stopped; {} events were in flight at the end", publisher.inFlight().events());
  }
}
