package io.vescollector.receive;

import io.vescollector.answer.Disconnect;
import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps slow and excess clients from holding the listener's resources. Each connection must deliver
 * a request's headers within the request timeout of opening (or of its last answer), and each request
 * must arrive whole within the request timeout of its start: a client sending one byte a second is cut
 * off (408, or a plain close while still in the headers). Under HTTP/2 each of a connection's streams
 * has its own deadline, and a 408 resets only its stream. A connection beyond the process's bound or
 * its address's bound is not counted: its first request gets 503 SVC1000 saying which bound, and it is
 * closed, at the latest {@link #UNCOUNTED_GRACE_MS} after it opened, so that connections nobody counts
 * cannot pile up either. One instance per event loop: its map is touched by that loop only.
 *
 * <p>Deadlines are fields, checked by one periodic sweep per event loop rather than a timer per request:
 * two timers set and cancelled per request cost more than the rest of the bookkeeping together. A
 * deadline is enforced at most a tenth of the timeout (and never more than a second) late.
 */
final class ClientGuard {
  /** How long a connection beyond a bound is given to send the request that its 503 answers. */
  static final long UNCOUNTED_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final ConnectionCounter counter;
  private final long requestTimeoutMs;
  private final long timeoutNanos;
  private final long uncountedNanos;
  private final Responder responder;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  /** One connection's state: whether it counts against the bounds, and what it must do by when. */
  private static final class Watch {
    final HttpConnection connection;
    final String address;
    final ConnectionCounter.Admission admission;
    /** {@link System#nanoTime()} by which the next request's headers are due while none is open; 0: nothing due. */
    long deadline;
    /** The requests begun and not yet answered: one at a time under HTTP/1.1, several under HTTP/2. */
    final List<Receiving> open = new ArrayList<>(1);

    Watch(HttpConnection connection, String address, ConnectionCounter.Admission admission) {
      this.connection = connection;
      this.address = address;
      this.admission = admission;
    }

    boolean counted() {
      return admission == ConnectionCounter.Admission.ADMITTED;
    }
  }

  /** A request that must have arrived whole by {@code deadline} (0 once it has been checked after it). */
  private static final class Receiving {
    final RoutingContext ctx;
    long deadline;

    Receiving(RoutingContext ctx, long deadline) {
      this.ctx = ctx;
      this.deadline = deadline;
    }
  }

  ClientGuard(Vertx vertx, ConnectionCounter counter, long requestTimeoutMs, Responder responder) {
    this.vertx = vertx;
    this.counter = counter;
    this.requestTimeoutMs = requestTimeoutMs;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
    this.uncountedNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(requestTimeoutMs, UNCOUNTED_GRACE_MS));
    this.responder = responder;
    // Created on the verticle's event loop, so undeploying the verticle cancels it.
    vertx.setPeriodic(AckDeadlines.sweepPeriodMs(requestTimeoutMs), id -> sweep());
  }

  /** The client's address: the TCP peer, or the one a PROXY protocol header gave (server.proxyProtocol). */
  static String addressOf(HttpConnection connection) {
    SocketAddress remote = connection.remoteAddress();
    return remote == null ? "" : remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
  }

  void connected(HttpConnection connection) {
    String address = addressOf(connection);
    Watch watch = new Watch(connection, address, counter.tryOpen(address));
    watch.deadline = System.nanoTime() + (watch.counted() ? timeoutNanos : uncountedNanos);
    watches.put(connection, watch);
    connection.closeHandler(v -> {
      if (watch.counted()) {
        counter.closed(address);
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
    if (!watch.counted()) {
      Disconnect.prepare(request);
      responder.problem(request.response(), VesProblem.withText(VesError.SVC1000,
          "No server resources available to process the request: %1",
          watch.admission == ConnectionCounter.Admission.ADDRESS_FULL
              ? "the collector serves " + counter.maxPerAddress() + " connections at most from one address ("
                  + watch.address + "); reuse a connection, or close one"
              : "the collector serves " + counter.max() + " connections at most"));
      Disconnect.closeConnectionSoon(vertx, request);
      return false;
    }
    return true;
  }

  /** First route handler: the whole request must arrive within the timeout. */
  void deadline(RoutingContext ctx) {
    Watch watch = watches.get(ctx.request().connection());
    if (watch != null) {
      Receiving receiving = new Receiving(ctx, System.nanoTime() + timeoutNanos);
      watch.open.add(receiving);
      ctx.addEndHandler(result -> {
        watch.open.remove(receiving);
        if (watch.open.isEmpty()) {
          // The next request's headers are due. After an answer that closes the connection, a sweep that
          // comes first only closes it too.
          watch.deadline = System.nanoTime() + timeoutNanos;
        }
      });
    }
    ctx.next();
  }

  private void sweep() {
    long now = System.nanoTime();
    List<Watch> idle = null;
    List<Receiving> late = null;
    for (Watch watch : watches.values()) {
      if (watch.open.isEmpty()) {
        if (watch.deadline != 0 && now - watch.deadline >= 0) {
          (idle == null ? idle = new ArrayList<>() : idle).add(watch);
        }
        continue;
      }
      for (Receiving receiving : watch.open) {
        if (receiving.deadline != 0 && now - receiving.deadline >= 0) {
          (late == null ? late = new ArrayList<>() : late).add(receiving);
        }
      }
    }
    // Answering a late request ends it, which changes its connection's list: collected first.
    if (idle != null) {
      idle.forEach(this::headersNotInTime);
    }
    if (late != null) {
      late.forEach(this::notReceivedInTime);
    }
  }

  private void headersNotInTime(Watch watch) {
    watch.deadline = 0;
    watch.connection.close();
  }

  /** 408 for a request still arriving; one that has arrived and waits for Kafka has its own timeout. */
  private void notReceivedInTime(Receiving receiving) {
    receiving.deadline = 0;
    RoutingContext ctx = receiving.ctx;
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
