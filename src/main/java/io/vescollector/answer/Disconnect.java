package io.vescollector.answer;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Ends a connection after an answer that leaves the request unread (too large, too slow). Reading
 * stops at once so memory stays bounded; the socket closes a moment after the answer is written, so
 * a client still sending can read the answer before the close resets the connection.
 */
public final class Disconnect {
  /** How long the answer is given to reach the client before the socket closes. */
  static final long LINGER_MS = 500;

  private Disconnect() {}

  /** Call before writing the answer: marks it {@code Connection: close} and stops reading. */
  public static void prepare(HttpServerRequest request) {
    request.response().putHeader("Connection", "close");
    if (!request.isEnded()) {
      request.pause();
    }
  }

  /** Call after writing the answer. */
  public static void closeSoon(Vertx vertx, HttpServerRequest request) {
    vertx.setTimer(LINGER_MS, id -> request.connection().close());
  }
}
