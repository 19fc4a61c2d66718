package io.vescollector.receive;

import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps slow and excess clients from holding the listener's resources. Each connection must deliver
 * a request's headers within the request timeout of opening (or of the previous answer), and the
 * whole request within the request timeout of its start: a client sending one byte a second is cut
 * off (408, or a plain close while still in the headers). Connections beyond the bound get 503
 * SVC1000 and are closed. One instance per event loop: its map is touched by that loop only.
 *
 * <p>Deadlines are fields, checked by one periodic sweep per event loop rather than a timer per request:
 * two timers set and cancelled per request cost more than the rest of the bookkeeping together. A
 * deadline is enforced at most a tenth of the timeout (and never more than a second) late.
 */
final class ClientGuard {
  private final Vertx vertx;
  private final ConnectionCounter counter;
  private final long requestTimeoutMs;
  private final long timeoutNanos;
  private final Responder responder;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  /** One connection's state: whether it counts against the bound, and what it must do by when. */
  private static final class Watch {
    final HttpConnection connection;
    final boolean counted;
    /** {@link System#nanoTime()} by which the current phase must end; 0: nothing due. */
    long deadline;
    /** The request being received; null while waiting for headers. */
    RoutingContext request;

    Watch(HttpConnection connection, boolean counted) {
      this.connection = connection;
      this.counted = counted;
    }
  }

  ClientGuard(Vertx vertx, ConnectionCounter counter, long requestTimeoutMs, Responder responder) {
    this.vertx = vertx;
    this.counter = counter;
    this.requestTimeoutMs = requestTimeoutMs;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
    this.responder = responder;
    // Created on the verticle's event loop, so undeploying the verticle cancels it.
    vertx.setPeriodic(AckDeadlines.sweepPeriodMs(requestTimeoutMs), id -> sweep());
  }

  void connected(HttpConnection connection) {
    Watch watch = new Watch(connection, counter.tryOpen());
    watch.deadline = System.nanoTime() + timeoutNanos;
    watches.put(connection, watch);
    connection.closeHandler(v -> {
      if (watch.counted) {
        counter.closed();
      }
      watches.remove(connection);
    });
  }

  /** First step of every request, before routing; false when it has been answered here. */
  boolean admit(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch == null) {
      return true; // closed while the request was dispatched
    }
    watch.deadline = 0;
    if (!watch.counted) {
      Disconnect.prepare(request);
      responder.problem(request.response(), VesProblem.withText(VesError.SVC1000,
          "No server resources available to process the request: %1",
          "the collector serves " + counter.max() + " connections at most"));
      Disconnect.closeSoon(vertx, request);
      return false;
    }
    return true;
  }

  /** First route handler: the whole request must arrive within the timeout. */
  void deadline(RoutingContext ctx) {
    Watch watch = watches.get(ctx.request().connection());
    if (watch != null) {
      watch.request = ctx;
      watch.deadline = System.nanoTime() + timeoutNanos;
      ctx.addEndHandler(result -> {
        watch.request = null;
        // The next request's headers are due. After an answer marked Connection: close the connection
        // closes anyway, and a sweep that comes first only closes it too: no need to read the header.
        watch.deadline = result.succeeded() ? System.nanoTime() + timeoutNanos : 0;
      });
    }
    ctx.next();
  }

  private void sweep() {
    long now = System.nanoTime();
    List<Watch> due = null;
    for (Watch watch : watches.values()) {
      if (watch.deadline != 0 && now - watch.deadline >= 0) {
        (due == null ? due = new ArrayList<>() : due).add(watch);
      }
    }
    if (due != null) {
      due.forEach(this::expire);
    }
  }

  private void expire(Watch watch) {
    watch.deadline = 0;
    RoutingContext ctx = watch.request;
    if (ctx == null) {
      watch.connection.close(); // no request headers in time
      return;
    }
    HttpServerRequest request = ctx.request();
    if (!request.isEnded() && !ctx.response().ended()) {
      Disconnect.prepare(request);
      responder.problem(ctx.response(), VesProblem.withText(VesError.SVC2000,
          "The following service error occurred: %1. Error code is %2.",
          "the request was not received within " + requestTimeoutMs + " ms", "408").withStatus(408));
      Disconnect.closeSoon(vertx, request);
    }
  }
}
