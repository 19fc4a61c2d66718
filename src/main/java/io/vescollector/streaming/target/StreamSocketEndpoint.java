package io.vescollector.streaming.target;

import io.vescollector.publish.EventPublisher;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * establishStreamingConnection, step 2: GET {connectionId} with upgrade headers switches the
 * connection to WebSocket (101). A connection that was never established gets 404 before any
 * upgrade, as does one another principal established. No Sec-WebSocket-Protocol is required: TS 28.532
 * names none.
 */
public final class StreamSocketEndpoint {
  private final Vertx vertx;
  private final ConnectionStore store;
  private final UnitRouter router;
  private final EventPublisher publisher;
  private final int maxPendingUnits;
  private final ConnectionAccess access;
  private final StreamingMetrics counts;

  StreamSocketEndpoint(Vertx vertx, ConnectionStore store, UnitRouter router, EventPublisher publisher,
                       int maxPendingUnits, ConnectionAccess access, StreamingMetrics counts) {
    this.vertx = vertx;
    this.store = store;
    this.router = router;
    this.publisher = publisher;
    this.maxPendingUnits = maxPendingUnits;
    this.access = access;
    this.counts = counts;
  }

  public static boolean isUpgrade(RoutingContext ctx) {
    String upgrade = ctx.request().getHeader("Upgrade");
    return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
  }

  public void upgrade(RoutingContext ctx) {
    String id = ctx.pathParam("connectionId");
    String principal = ConnectionAccess.principal(ctx);
    ctx.request().pause();
    store.find(id).onComplete(ar -> {
      if (ar.failed()) {
        StreamingErrors.send(ctx.response(), 503, "the streaming connections could not be read: " + ar.cause().getMessage());
      } else if (ar.result().filter(c -> access.mayUse(c, principal)).isEmpty()) {
        StreamingErrors.send(ctx.response(), 404, "no streaming connection " + id + "; POST /connections first");
      } else {
        ctx.request().toWebSocket().onSuccess(ws ->
            new StreamSocket(vertx, ws, id, store, router, publisher, maxPendingUnits, counts).start())
            .onFailure(e -> StreamingErrors.send(ctx.response(), 400, "the WebSocket upgrade failed: " + e.getMessage()));
      }
    });
  }
}
