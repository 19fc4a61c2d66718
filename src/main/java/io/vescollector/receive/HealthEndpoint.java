package io.vescollector.receive;

import io.vescollector.kafka.KafkaReadiness;
import io.vescollector.publish.InFlight;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Liveness and readiness. {@code /healthcheck} answers as ONAP's does (200 "I'm good" while the
 * process is up) for existing probes; {@code /health/ready} is 200 only while events can be stored
 * ({@link KafkaReadiness}), and its body says whether Kafka is the embedded development broker and
 * which topics cannot be written to. Probes carry no credentials, so on the VES listener readiness
 * leaves out why Kafka is unreachable (its exception text names hosts and ports) and the work in
 * flight: those are shown on the management port only, and logged when readiness changes.
 */
public final class HealthEndpoint {
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
    router.get("/healthcheck").handler(this::healthcheck);
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(ctx -> ready(ctx, details));
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
        .put("unavailableTopics", new JsonObject(new java.util.LinkedHashMap<>(status.unavailableTopics())));
    if (details) {
      body.put("reason", status.reason())
          .put("inFlight", new JsonObject().put("events", inFlight.events()).put("bytes", inFlight.bytes()));
    }
    ctx.response().setStatusCode(status.ready() ? 200 : 503).putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
