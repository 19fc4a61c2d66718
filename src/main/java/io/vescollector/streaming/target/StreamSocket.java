package io.vescollector.streaming.target;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vescollector.parse.Utf8Check;
import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.publish.PublishException;
import io.vescollector.streaming.StreamUnitException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established streaming connection's WebSocket (reportStreamData): each binary message is one
 * stream data unit, published in arrival order. Back-pressure: at most {@code maxPendingUnits} units
 * wait for Kafka; beyond that, or while the publisher refuses work, the socket is paused so TCP pushes
 * back on the producer. A unit that cannot be stored is reported to the producer in a text frame
 * {@code {"error":{"errorInfo":...,"streamId":...}}}; the connection stays up. A Close frame from the
 * producer is terminateStreamingConnection: the connection ends for every collector, and the units sent
 * before the Close are still stored (Vert.x reports the Close before units waiting in a paused socket).
 * An abrupt drop keeps the connection, so the producer can upgrade again and go on.
 */
final class StreamSocket {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);
  private static final long OVERLOAD_RETRY_MS = 20;
  /** Text messages carry no stream data, only a sender's mistake: they are read up to this size to be answered. */
  private static final int MAX_TEXT_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final String connectionId;
  private final ConnectionStore store;
  private final UnitRouter router;
  private final EventPublisher publisher;
  private final int maxPendingUnits;
  private final StreamingMetrics counts;

  private int pending;
  private ConnectionInfo known;
  private OutgoingRecord held;
  private boolean syncing;
  private boolean paused;
  private boolean closed;
  /** The text message being received, checked when its last frame arrives; null when none is. */
  private Buffer text;

  StreamSocket(Vertx vertx, ServerWebSocket ws, String connectionId, ConnectionStore store, UnitRouter router,
               EventPublisher publisher, int maxPendingUnits, StreamingMetrics counts) {
    this.vertx = vertx;
    this.ws = ws;
    this.connectionId = connectionId;
    this.store = store;
    this.router = router;
    this.publisher = publisher;
    this.maxPendingUnits = maxPendingUnits;
    this.counts = counts;
  }

  void start() {
    counts.socketOpened();
    ws.binaryMessageHandler(this::onUnit);
    ws.frameHandler(this::onFrame);
    ws.exceptionHandler(e -> LOG.debug("WebSocket of connection {}: {}", connectionId, e.toString()));
    ws.closeHandler(v -> onClose());
  }

  /**
   * Vert.x handles a Close frame at once, while data frames read before it may still wait in the paused
   * socket's queue: those come after {@link #onClose} and are stored under the connection as it was.
   */
  private void onUnit(Buffer frame) {
    ConnectionInfo connection = closed && known != null ? known : store.get(connectionId).orElse(null);
    if (connection == null) {
      counts.refused(StreamingMetrics.Refusal.NO_CONNECTION);
      tellProducer(null, "connection " + connectionId + " is no longer established");
      ws.close((short) 1008, "connection ended");
      return;
    }
    known = connection;
    route(connection, frame.getBytes(), true);
  }

  /**
   * Text messages: answered with an error frame when they are well-formed UTF-8 (RFC 6455 requires it
   * of text), or the connection is closed with 1007 naming the offset of the first bad byte.
   */
  private void onFrame(WebSocketFrame frame) {
    if (frame.isText()) {
      text = Buffer.buffer();
    } else if (!frame.isContinuation() || text == null) {
      return; // binary data: onUnit has it
    }
    if (text.length() + frame.binaryData().length() > MAX_TEXT_BYTES) {
      text = null;
      ws.close((short) 1009, "text messages carry no stream data; this one is over " + MAX_TEXT_BYTES + " bytes");
      return;
    }
    text.appendBuffer(frame.binaryData());
    if (!frame.isFinal()) {
      return;
    }
    byte[] bytes = text.getBytes();
    text = null;
    int malformed = Utf8Check.firstMalformedByte(bytes);
    if (malformed >= 0) {
      LOG.info("Streaming connection {}: a text message is not well-formed UTF-8 at {}; closing with 1007",
          connectionId, Utf8Check.describe(bytes, malformed));
      ws.close((short) 1007, "text message not well-formed UTF-8 at byte offset " + malformed);
      return;
    }
    tellProducer(null, "text frames carry no stream data; send each unit as one binary frame");
  }

  private void route(ConnectionInfo connection, byte[] unit, boolean maySync) {
    UnitRouter.Outcome outcome;
    try {
      outcome = router.route(connection, unit);
    } catch (StreamUnitException e) {
      counts.refused(e.reason() == StreamUnitException.Cause.INVALID
          ? StreamingMetrics.Refusal.INVALID : StreamingMetrics.Refusal.UNATTRIBUTABLE);
      tellProducer(e.streamId(), e.getMessage());
      return;
    }
    if (outcome instanceof UnitRouter.Routed routed) {
      submit(routed.record());
    } else if (outcome instanceof UnitRouter.UnknownStream unknown) {
      if (!maySync) {
        counts.refused(StreamingMetrics.Refusal.UNKNOWN_STREAM);
        tellProducer(unknown.streamId(), "stream " + unknown.streamId() + " is not a stream of connection " + connectionId);
        return;
      }
      // The stream may have been added through another collector a moment ago: catch up, keeping order.
      syncing = true;
      updatePause();
      store.sync().onComplete(ar -> {
        syncing = false;
        ConnectionInfo latest = store.get(connectionId).orElse(connection);
        route(latest, unit, false);
        updatePause();
      });
    }
  }

  private void submit(OutgoingRecord record) {
    Future<Void> result = publisher.publish(List.of(record));
    if (result.failed() && result.cause() instanceof PublishException p
        && p.reason() == PublishException.Reason.OVERLOADED) {
      // Nothing was sent: hold this unit, stop reading, and try it again shortly (order is kept).
      held = record;
      updatePause();
      vertx.setTimer(OVERLOAD_RETRY_MS, t -> {
        OutgoingRecord retry = held;
        held = null;
        submit(retry);
        updatePause();
      });
      return;
    }
    pending++;
    updatePause();
    result.onComplete(ar -> {
      pending--;
      if (ar.succeeded()) {
        counts.stored();
      } else {
        counts.refused(StreamingMetrics.Refusal.NOT_STORED);
        String streamId = streamIdOf(record);
        LOG.warn("A unit of stream {} on connection {} was not stored: {}", streamId, connectionId, ar.cause().toString());
        tellProducer(streamId, "the unit was not stored: " + ar.cause().getMessage());
      }
      updatePause();
    });
  }

  private void updatePause() {
    boolean shouldPause = held != null || syncing || pending >= maxPendingUnits;
    if (shouldPause && !paused) {
      paused = true;
      ws.pause();
    } else if (!shouldPause && paused && pending <= maxPendingUnits / 2) {
      paused = false;
      ws.resume();
    }
  }

  private void onClose() {
    if (!closed) {
      counts.socketClosed();
    }
    closed = true;
    Short status = ws.closeStatusCode();
    // 1006 (abnormal closure) is never sent in a frame: Vert.x reports it for a dropped TCP connection.
    if (status == null || status == 1006) {
      LOG.info("WebSocket of streaming connection {} dropped without a Close frame; the connection is kept", connectionId);
      return;
    }
    LOG.info("Streaming connection {} terminated by the producer (Close {})", connectionId, status);
    store.remove(connectionId).onFailure(e ->
        LOG.warn("Could not record the end of streaming connection {}: {}", connectionId, e.toString()));
  }

  private void tellProducer(String streamId, String info) {
    if (closed || ws.isClosed() || ws.writeQueueFull()) {
      LOG.debug("Not told to the producer of {}: {}", connectionId, info);
      return;
    }
    JsonObject error = new JsonObject().put("errorInfo", info);
    if (streamId != null) {
      error.put("streamId", streamId);
    }
    ws.writeTextMessage(new JsonObject().put("error", error).encode());
  }

  private static String streamIdOf(OutgoingRecord record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }
}
