package io.vescollector.receive;

import io.vescollector.kafka.KafkaHealth;
import io.vescollector.publish.InFlight;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Liveness and readiness. {@code /healthcheck} answers as ONAP's does (200 "I'm good" while the
 * process is up) for existing probes; {@code /health/ready} is 200 only while Kafka is reachable.
 */
public final class HealthEndpoint {
  private final KafkaHealth kafka;
  private final InFlight inFlight;

  public HealthEndpoint(KafkaHealth kafka, InFlight inFlight) {
    this.kafka = kafka;
    this.inFlight = inFlight;
  }

  /** Adds the health routes; they need no credentials (probes carry none). */
  public void mount(Router router) {
    router.get("/healthcheck").handler(this::healthcheck);
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(this::ready);
  }

  public void healthcheck(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain").end("I'm good");
  }

  public void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
  }

  public void ready(RoutingContext ctx) {
    boolean up = kafka.reachable();
    JsonObject body = new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("kafka", new JsonObject().put("reachable", up).put("error", kafka.lastError()))
        .put("inFlight", new JsonObject().put("events", inFlight.events()).put("bytes", inFlight.bytes()));
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
