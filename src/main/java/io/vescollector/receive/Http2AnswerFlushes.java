package io.vescollector.receive;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerConnection;

/**
 * Lets the answers of an HTTP/2 connection's streams leave in one write. The collector answers when Kafka
 * acknowledges, outside any read, and Vert.x flushes each answer at once: one TLS record and one system
 * call per answer, although the acknowledgements of one produce request often answer several streams of
 * the same connection in a row. Netty's {@link FlushConsolidationHandler}, placed before the TLS handler,
 * holds those flushes until the event loop has run the tasks already queued, then flushes once. HTTP/1.1
 * connections answer one request at a time, so they have nothing to gather and are left alone.
 */
final class Http2AnswerFlushes {
  /** Flushes held at most before one is let through: the default stream bound's worth. */
  private static final int MAX_HELD = 16;

  private Http2AnswerFlushes() {}

  /** Call from the server's connection handler. */
  static void gather(HttpConnection connection) {
    if (connection.protocolVersion() == HttpVersion.HTTP_2 && connection instanceof HttpServerConnection internal) {
      var pipeline = internal.channelHandlerContext().pipeline();
      if (pipeline.get("ssl") != null) {
        pipeline.addAfter("ssl", "answerFlushes", new FlushConsolidationHandler(MAX_HELD, true));
      }
    }
  }
}
