package io.vescollector.receive;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;
import io.vescollector.enrich.RequestContext;
import io.vescollector.metrics.CollectorMetrics;
import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.publish.PublishException;
import io.vescollector.publish.Refusal;
import io.vescollector.publish.RejectedEvents;
import io.vescollector.security.Authenticator;
import io.vescollector.security.SourceNamePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /eventListener/{v}} and {@code /eventListener/{v}/eventBatch}: checks the request's
 * envelope (its version is the route's; headers, content type), runs the pipeline, publishes, and
 * answers 202 only once Kafka has acknowledged every event; or 503 when Kafka does not within the
 * response timeout. Every refusal of a request for what it holds (4xx but authentication's) is logged,
 * rate-limited, and copied to the rejected-events topic when one is configured.
 */
public final class VesEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(VesEndpoint.class);
  /** A record's key is its event's sourceName, or none when the event has no textual one. */
  private static final Function<OutgoingRecord, String> SOURCE_NAME =
      r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
  /** The served versions, as the 404 for any other names them. */
  private static final String SUPPORTED = Arrays.stream(ListenerVersion.values())
      .map(ListenerVersion::api).collect(Collectors.joining(", "));

  private final Vertx vertx;
  private final VesPipeline pipeline;
  private final EventPublisher publisher;
  private final Responder responder;
  private final long responseTimeoutMs;
  private final CollectorMetrics metrics;
  private final RejectedEvents rejected;
  private final SourceNamePolicy sourceNames;
  private final RefusalLog refusals = RefusalLog.toLogger(REFUSAL_LINES_PER_SECOND);

  /** Refusals logged a second at most, for the whole collector. */
  static final int REFUSAL_LINES_PER_SECOND = 20;
  /** Variables (schema violations) and characters of an error the refusal's reason header carries. */
  private static final int REASON_VARIABLES = 5;
  private static final int REASON_CHARS = 1000;

  /**
   * @param rejected where copies of refused requests go ({@link RejectedEvents#off()}: nowhere)
   * @param sourceNames which sourceNames the request's principal may send
   */
  public VesEndpoint(Vertx vertx, VesPipeline pipeline, EventPublisher publisher, Responder responder,
                     long responseTimeoutMs, CollectorMetrics metrics, RejectedEvents rejected,
                     SourceNamePolicy sourceNames) {
    this.rejected = rejected;
    this.sourceNames = sourceNames;
    this.metrics = metrics;
    this.vertx = vertx;
    this.pipeline = pipeline;
    this.publisher = publisher;
    this.responder = responder;
    this.responseTimeoutMs = responseTimeoutMs;
  }

  /** The response timeout's bookkeeping for the calling verticle's event loop; one per {@link HttpVerticle}. */
  AckDeadlines deadlinesForThisEventLoop() {
    return AckDeadlines.onThisEventLoop(vertx, responseTimeoutMs);
  }

  /**
   * A POST to a listener version this collector does not serve: 404 SVC2004 naming the versions it
   * does, with the latest listener's version headers.
   */
  void unknownVersion(RoutingContext ctx) {
    String apiVersion = ctx.pathParam("version");
    String requestId = begin(ctx, CollectorMetrics.OTHER_VERSION, ListenerVersion.LATEST); // a client's text is no metric tag
    refuse(ctx, requestId, VesProblem.of(VesError.SVC2004, "URI", "version",
        "API version " + apiVersion + " is not supported (supported: " + SUPPORTED + ")").withStatus(404));
  }

  /**
   * A body {@link BoundedBody} refused for its size (413), before this endpoint ran: it has no request id,
   * and only what was read up to the bound (nothing when the declared length alone was too large).
   */
  void tooLarge(RoutingContext ctx, VesProblem problem, Buffer readSoFar) {
    metrics.rejected("unknown", problem.error().name(), 1);
    report(ctx, null, problem, readSoFar, true);
  }

  /** Answers the refusal, then logs it and hands a copy to the rejected-events topic; neither touches the answer. */
  private void refuse(RoutingContext ctx, String requestId, VesProblem problem) {
    responder.problem(ctx.response(), problem);
    report(ctx, requestId, problem, ctx.body() == null ? null : ctx.body().buffer(), false);
  }

  private void report(RoutingContext ctx, String requestId, VesProblem problem, Buffer body, boolean truncated) {
    var address = ctx.request().remoteAddress();
    Refusal refusal = new Refusal(requestId, problem.status(), problem.error().name(),
        problem.summary(REASON_VARIABLES, REASON_CHARS), address == null ? "unknown" : address.hostAddress(),
        ctx.get(Authenticator.PRINCIPAL_KEY), rejected.enabled() && body != null ? body.getBytes() : null, truncated,
        Instant.now());
    refusals.refused(refusal);
    rejected.publish(refusal);
  }

  /** @param deadlines the calling event loop's, from {@link #deadlinesForThisEventLoop} */
  void handle(RoutingContext ctx, ListenerVersion listener, boolean batch, AckDeadlines deadlines) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    String requestId = begin(ctx, listener.api(), listener);
    if (!listener.accepts(request.getHeader("X-MinorVersion"))) {
      refuse(ctx, requestId, VesProblem.of(VesError.SVC2004, "header", "X-MinorVersion",
          "'" + request.getHeader("X-MinorVersion") + "' is not a minor version this listener serves for "
              + listener.api() + " (0 to " + listener.minor() + ")"));
      return;
    }
    String contentType = request.getHeader("Content-Type");
    if (!isJson(contentType)) {
      refuse(ctx, requestId, VesProblem.of(VesError.SVC2004, "header", "Content-Type",
          (contentType == null ? "missing" : "'" + contentType + "'") + "; the body must be sent as application/json")
          .withStatus(415));
      return;
    }
    RequestContext context = new RequestContext(requestId, request.remoteAddress().hostAddress(), Instant.now(),
        ctx.get(Authenticator.PRINCIPAL_KEY));
    List<OutgoingRecord> records;
    try {
      Buffer body = ctx.body().buffer();
      records = pipeline.process(body == null ? new byte[0] : body.getBytes(), batch, listener.schema(), listener.toString(), context);
    } catch (VesException e) {
      LOG.debug("Request {} refused: {}", requestId, e.problem());
      metrics.rejected("unknown", e.problem().error().name(), 1);
      refuse(ctx, requestId, e.problem());
      return;
    }
    String domain = domainOf(records);
    String forbidden = sourceNames.forbiddenSourceName(context.principal(), records, SOURCE_NAME);
    if (forbidden != null) {
      LOG.debug("Request {}: principal '{}' may not send events of sourceName '{}'", requestId, context.principal(),
          forbidden);
      metrics.rejected(domain, VesError.POL2000.name(), records.size());
      refuse(ctx, requestId, VesProblem.withText(VesError.POL2000, "Unauthorized user: %1",
          "'" + context.principal() + "' may not send events for sourceName '" + forbidden + "'").withStatus(403));
      return;
    }
    int events = records.size(); // the callbacks below must not hold the records while Kafka works
    AckDeadlines.Pending pending = deadlines.watch(() -> {
      if (!response.ended()) {
        metrics.rejected(domain, VesError.SVC1000.name(), events);
        LOG.info("Request {}: Kafka did not acknowledge {} events within {} ms; answered 503", requestId,
            events, responseTimeoutMs);
      }
      responder.problem(response, VesProblem.withText(
          VesError.SVC1000, "No server resources available to process the request: %1",
          "Kafka did not acknowledge the events within " + responseTimeoutMs + " ms; they may or may not be stored, retry"));
    });
    publisher.publish(records).onComplete(result -> {
      pending.settle();
      if (response.ended()) {
        return;
      }
      if (result.succeeded()) {
        metrics.accepted(domain, events);
        responder.accepted(response);
      } else {
        VesProblem problem = problemFor(result.cause());
        metrics.rejected(domain, problem.error().name(), events);
        responder.problem(response, problem);
      }
    });
  }

  /**
   * What every answer of these endpoints carries: a request id, the version headers, a count in the metrics.
   * @param versionTag a served version ({@code v7}) or {@link CollectorMetrics#OTHER_VERSION}
   */
  private String begin(RoutingContext ctx, String versionTag, ListenerVersion headers) {
    HttpServerResponse response = ctx.response();
    String requestId = RequestIds.next();
    response.putHeader(Responder.REQUEST_ID_HEADER, requestId);
    ctx.addEndHandler(v -> metrics.request(versionTag, response.getStatusCode()));
    headers.writeHeaders(response);
    return requestId;
  }

  /** The request's domain (a batch has one), as the metrics tag it. */
  private static String domainOf(List<OutgoingRecord> records) {
    String domain = records.get(0).domain();
    return domain == null ? "unknown" : domain;
  }

  static VesProblem problemFor(Throwable cause) {
    if (cause instanceof PublishException failure) {
      return switch (failure.reason()) {
        case OVERLOADED, UNAVAILABLE -> VesProblem.withText(VesError.SVC1000,
            "No server resources available to process the request: %1", failure.getMessage());
        case TOO_LARGE -> VesProblem.withText(VesError.POL9003,
            "Message content size exceeds the allowable limit: %1", failure.getMessage());
        case REFUSED -> VesProblem.of(VesError.SVC2000, failure.getMessage(), "500").withStatus(500);
      };
    }
    LOG.error("Unexpected publish failure", cause);
    return VesProblem.of(VesError.SVC2000, "Internal Server Error", "500").withStatus(500);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
  }
}
