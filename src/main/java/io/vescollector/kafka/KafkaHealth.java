package io.vescollector.kafka;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers, asked in the background at a fixed interval so that a readiness
 * probe never waits on Kafka. A load balancer then stops sending to a collector that cannot store.
 */
public final class KafkaHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);
  private final Vertx vertx;
  private final Admin admin;
  private final long timerId;
  private final long intervalMs;
  private volatile boolean reachable;
  private volatile String lastError = "not checked yet";
  /** Whether a check has answered: the first answer is logged whatever it says. */
  private volatile boolean checked;
  /** The kind of the last failure, so that a new cause (a timeout, then refused credentials) is logged once. */
  private volatile String lastFailureKind = "";

  public KafkaHealth(Vertx vertx, Admin admin, long intervalMs) {
    this.vertx = vertx;
    this.admin = admin;
    this.intervalMs = intervalMs;
    check();
    this.timerId = vertx.setPeriodic(intervalMs, id -> check());
  }

  private void check() {
    int timeout = (int) Math.max(500, intervalMs);
    admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes().whenComplete((nodes, error) -> {
      boolean was = reachable;
      boolean first = !checked;
      checked = true;
      if (error == null && nodes != null && !nodes.isEmpty()) {
        reachable = true;
        lastError = null;
        lastFailureKind = "";
        if (!was) {
          LOG.info("Kafka is reachable ({} brokers): ready", nodes.size());
        }
      } else {
        reachable = false;
        lastError = error == null ? "no brokers in the cluster metadata" : error.toString();
        String kind = error == null ? "" : rootCause(error).getClass().getName();
        boolean newCause = !kind.equals(lastFailureKind);
        lastFailureKind = kind;
        if (was || first || newCause) {
          LOG.warn("Kafka is unreachable, or refuses the collector's credentials: not ready ({})", lastError);
        }
      }
    });
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Blocks until a check has answered, at most the given time; for start-up only. */
  public boolean awaitReachable(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!reachable && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return reachable;
  }

  public boolean reachable() {
    return reachable;
  }

  public String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
