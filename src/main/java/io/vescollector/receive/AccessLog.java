package io.vescollector.receive;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vescollector.answer.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.accessLog}: one line per request on the VES listener, written when the answer has been
 * sent (or the connection closed before that), to the logger {@value #LOGGER}:
 * <pre>id=6f0c… method=POST path=/eventListener/v7 status=202 bytes=0 durationMs=3 client=10.0.0.7</pre>
 * The id is the answer's {@code X-Request-Id} ({@code -} for answers that have none: health, 404 on
 * unknown paths, bodies refused for their size before the endpoint ran). The path is without its query.
 * {@code status=aborted} means the connection closed before the answer was complete. The work per request
 * is a clock read and one log call; log4j2.xml hands the line to a thread of its own.
 */
public final class AccessLog {
  public static final String LOGGER = "io.vescollector.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private AccessLog() {}

  /**
   * Mounted first, whatever the order of mounting: its route's order is below the listener's others, so
   * that every request passing the connection guard is logged, refusals by authentication included.
   */
  public static RouteMount mount() {
    return router -> router.route().order(Integer.MIN_VALUE).handler(AccessLog::handle);
  }

  static void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> log(ctx, start, done.succeeded()));
    ctx.next();
  }

  private static void log(RoutingContext ctx, long start, boolean sent) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    String id = response.headers().get(Responder.REQUEST_ID_HEADER);
    SocketAddress client = request.remoteAddress();
    LOG.info("id={} method={} path={} status={} bytes={} durationMs={} client={}", id == null ? "-" : id,
        request.method(), request.path(), sent ? Integer.toString(response.getStatusCode()) : "aborted",
        response.bytesWritten(), (System.nanoTime() - start) / 1_000_000,
        client == null ? "-" : client.hostAddress());
  }
}
