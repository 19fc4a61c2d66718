package io.vescollector.receive;

import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps slow and excess clients from holding the listener's resources. Each connection must deliver
 * a request's headers within the request timeout of opening (or of the previous answer), and the
 * whole request within the request timeout of its start: a client sending one byte a second is cut
 * off (408, or a plain close while still in the headers). Connections beyond the bound get 503
 * SVC1000 and are closed. One instance per event loop: its maps are touched by that loop only.
 */
final class ClientGuard {
  private final Vertx vertx;
  private final ConnectionCounter counter;
  private final long requestTimeoutMs;
  private final Responder responder;
  private final Map<HttpConnection, Long> awaitingHeaders = new HashMap<>();
  private final Set<HttpConnection> overLimit = new HashSet<>();

  ClientGuard(Vertx vertx, ConnectionCounter counter, long requestTimeoutMs, Responder responder) {
    this.vertx = vertx;
    this.counter = counter;
    this.requestTimeoutMs = requestTimeoutMs;
    this.responder = responder;
  }

  void connected(HttpConnection connection) {
    boolean counted = counter.tryOpen();
    if (!counted) {
      overLimit.add(connection);
    }
    connection.closeHandler(v -> {
      if (counted) {
        counter.closed();
      }
      overLimit.remove(connection);
      cancel(awaitingHeaders.remove(connection));
    });
    awaitHeaders(connection);
  }

  /** First step of every request, before routing; false when it has been answered here. */
  boolean admit(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    cancel(awaitingHeaders.remove(connection));
    if (overLimit.contains(connection)) {
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
    HttpServerRequest request = ctx.request();
    long timer = vertx.setTimer(requestTimeoutMs, id -> {
      if (!request.isEnded() && !ctx.response().ended()) {
        Disconnect.prepare(request);
        responder.problem(ctx.response(), VesProblem.withText(VesError.SVC2000,
            "The following service error occurred: %1. Error code is %2.",
            "the request was not received within " + requestTimeoutMs + " ms", "408").withStatus(408));
        Disconnect.closeSoon(vertx, request);
      }
    });
    HttpConnection connection = request.connection();
    ctx.addEndHandler(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded() && !"close".equalsIgnoreCase(ctx.response().headers().get("Connection"))) {
        awaitHeaders(connection);
      }
    });
    ctx.next();
  }

  private void awaitHeaders(HttpConnection connection) {
    long timer = vertx.setTimer(requestTimeoutMs, id -> {
      awaitingHeaders.remove(connection);
      connection.close();
    });
    cancel(awaitingHeaders.put(connection, timer));
  }

  private void cancel(Long timer) {
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
