package io.vescollector.receive;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vescollector.kafka.KafkaReadiness;
import io.vescollector.publish.InFlight;
import java.util.LinkedHashMap;

/**
 * Liveness and readiness. {@code /healthcheck} answers as ONAP's does (200 "I'm good" while the
 * process is up) for existing probes; {@code /health/ready} is 200 only while events can be stored
 * ({@link KafkaReadiness}), and its body says whether Kafka is the embedded development broker and
 * which topics cannot be written to. Probes carry no credentials, so on the VES listener readiness
 * leaves out why Kafka is unreachable (its exception text names hosts and ports) and the work in
 * flight: those are shown on the management port only, and logged when readiness changes.
 */
public final class HealthEndpoint {
  /** ONAP's health check path: 200 while the process is up. */
  public static final String HEALTHCHECK_PATH = "/healthcheck";
  /** Liveness: 200 while the process is up. */
  public static final String LIVE_PATH = "/health/live";
  /** Readiness: 200 only while events can be stored, 503 otherwise. */
  public static final String READY_PATH = "/health/ready";
  /** Prometheus metrics, next to health on the management port (or on the VES port without one). */
  public static final String METRICS_PATH = "/metrics";

  private final KafkaReadiness kafka;
  private final InFlight inFlight;

  public HealthEndpoint(KafkaReadiness kafka, InFlight inFlight) {
    this.kafka = kafka;
    this.inFlight = inFlight;
  }

  /**
   * Adds the health routes; they need no credentials (probes carry none).
   * @param details whether readiness shows why it is down and the work in flight (the management port)
   */
  public void mount(Router router, boolean details) {
    router.get(HEALTHCHECK_PATH).handler(this::healthcheck);
    router.get(LIVE_PATH).handler(this::live);
    router.get(READY_PATH).handler(ctx -> ready(ctx, details));
  }

  public void healthcheck(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain").end("I'm good");
  }

  public void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
  }

  private void ready(RoutingContext ctx, boolean details) {
    KafkaReadiness.Status status = kafka.status();
    JsonObject body = new JsonObject()
        .put("status", status.ready() ? "UP" : "DOWN")
        .put("kafka", status.embedded() ? "embedded" : "external")
        .put("reachable", status.reachable())
        .put("unavailableTopics", new JsonObject(new LinkedHashMap<>(status.unavailableTopics())));
    if (details) {
      body.put("reason", status.reason())
          .put("inFlight", new JsonObject().put("events", inFlight.events()).put("bytes", inFlight.bytes()));
    }
    ctx.response().setStatusCode(status.ready() ? 200 : 503).putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
