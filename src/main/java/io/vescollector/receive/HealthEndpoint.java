package io.vescollector.receive;

import io.vescollector.kafka.KafkaHealth;
import io.vescollector.publish.InFlight;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Liveness and readiness. {@code /healthcheck} answers as ONAP's does (200 "I'm good" while the
 * process is up) for existing probes; {@code /health/ready} is 200 only while Kafka is reachable.
 * Probes carry no credentials, so on the VES listener readiness says only up or down; why Kafka is
 * unreachable (its exception text names hosts and ports) and the work in flight are shown on the
 * management port only, and logged when readiness changes.
 */
public final class HealthEndpoint {
  private final KafkaHealth kafka;
  private final InFlight inFlight;

  public HealthEndpoint(KafkaHealth kafka, InFlight inFlight) {
    this.kafka = kafka;
    this.inFlight = inFlight;
  }

  /**
   * Adds the health routes; they need no credentials (probes carry none).
   * @param details whether readiness shows Kafka's error and the work in flight (the management port)
   */
  public void mount(Router router, boolean details) {
    router.get("/healthcheck").handler(this::healthcheck);
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(details ? this::readyWithDetails : this::ready);
  }

  public void healthcheck(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain").end("I'm good");
  }

  public void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
  }

  public void ready(RoutingContext ctx) {
    boolean up = kafka.reachable();
    answer(ctx, up, new JsonObject().put("status", up ? "UP" : "DOWN")
        .put("kafka", new JsonObject().put("reachable", up)));
  }

  private void readyWithDetails(RoutingContext ctx) {
    boolean up = kafka.reachable();
    answer(ctx, up, new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("kafka", new JsonObject().put("reachable", up).put("error", kafka.lastError()))
        .put("inFlight", new JsonObject().put("events", inFlight.events()).put("bytes", inFlight.bytes())));
  }

  private static void answer(RoutingContext ctx, boolean up, JsonObject body) {
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
