package io.vescollector.streaming.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vescollector.streaming.JsonBody;
import io.vescollector.streaming.target.StreamingErrors;
import io.vescollector.streaming.target.StreamingErrors.StreamError;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's session API on the MnS producer (no 3GPP API exists; docs/STREAMING-OVER-MESSAGE-BUS.md):
 * POST /sessions establishes a logical streaming session towards the consumer's broker(s) (201 +
 * Location), GET reads it, DELETE ends it (204). Errors use the TS 28.532 error shapes. Each session
 * holds a Kafka producer towards the consumer's broker, so their number is bounded.
 */
public final class SessionEndpoint implements AutoCloseable {
  /** Sessions one simulated producer runs at most, unless told otherwise. */
  public static final int MAX_SESSIONS = 64;

  private final Vertx vertx;
  private final ObjectMapper mapper;
  private final SessionRequestParser parser = new SessionRequestParser();
  private final String producerDn;
  private final int granularitySeconds;
  private final double unitsPerSecond;
  private final int maxSessions;
  private final Map<String, BusSession> sessions = new ConcurrentHashMap<>();

  public SessionEndpoint(Vertx vertx, ObjectMapper mapper, String producerDn, int granularitySeconds, double unitsPerSecond) {
    this(vertx, mapper, producerDn, granularitySeconds, unitsPerSecond, MAX_SESSIONS);
  }

  public SessionEndpoint(Vertx vertx, ObjectMapper mapper, String producerDn, int granularitySeconds, double unitsPerSecond,
                         int maxSessions) {
    this.maxSessions = maxSessions;
    this.vertx = vertx;
    this.mapper = mapper;
    this.producerDn = producerDn;
    this.granularitySeconds = granularitySeconds;
    this.unitsPerSecond = unitsPerSecond;
  }

  public void create(RoutingContext ctx) {
    JsonBody read = JsonBody.read(mapper, ctx.body().buffer());
    if (read.tree() == null && ctx.body().length() > 0) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400, List.of(new StreamError(null,
          read.refusal("the body must be a JSON session request {consumer, brokerEndpoints, streams}"))));
      return;
    }
    SessionRequestParser.Parsed parsed = parser.parse(read.tree());
    if (parsed.request() == null) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400, parsed.errors());
      return;
    }
    if (sessions.size() >= maxSessions) {
      StreamingErrors.sendFailedConnection(ctx.response(), 503, List.of(new StreamError(null,
          "this producer runs " + maxSessions + " sessions at most; DELETE one first")));
      return;
    }
    String id = UUID.randomUUID().toString();
    String collection = ctx.request().absoluteURI().replaceAll("[?].*$", "").replaceAll("/$", "");
    BusSession session = new BusSession(id, collection + "/" + id, producerDn, parsed.request(), granularitySeconds, unitsPerSecond);
    sessions.put(id, session);
    session.start();
    ctx.response().setStatusCode(201).putHeader("Location", session.uri()).putHeader("Content-Type", "application/json")
        .end(session.toJson(mapper).toString());
  }

  public void list(RoutingContext ctx) {
    ArrayNode all = mapper.createArrayNode();
    sessions.values().forEach(s -> all.add(s.toJson(mapper)));
    ctx.response().putHeader("Content-Type", "application/json").end(all.toString());
  }

  public void get(RoutingContext ctx) {
    BusSession s = sessions.get(ctx.pathParam("sessionId"));
    if (s == null) {
      StreamingErrors.send(ctx.response(), 404, "no streaming session " + ctx.pathParam("sessionId"));
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(s.toJson(mapper).toString());
  }

  public void delete(RoutingContext ctx) {
    BusSession s = sessions.remove(ctx.pathParam("sessionId"));
    if (s == null) {
      StreamingErrors.send(ctx.response(), 404, "no streaming session " + ctx.pathParam("sessionId"));
      return;
    }
    vertx.executeBlocking(() -> {
      s.end();
      return null;
    }).onComplete(ar -> ctx.response().setStatusCode(204).end());
  }

  public List<BusSession> sessions() {
    return List.copyOf(sessions.values());
  }

  @Override
  public void close() {
    sessions.values().forEach(BusSession::end);
    sessions.clear();
  }
}
