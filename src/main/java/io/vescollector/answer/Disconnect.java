package io.vescollector.answer;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Ends what an answer leaves unread (too large, too slow, refused). Reading stops at once so memory
 * stays bounded. Under HTTP/1.1 the connection goes: its socket closes a moment after the answer is
 * written, so a client still sending can read the answer before the close resets the connection.
 * Under HTTP/2 only the request's stream goes, reset with NO_ERROR after the answer (RFC 9113 §8.1
 * lets a server stop a request it has answered); the connection's other requests go on.
 */
public final class Disconnect {
  /** How long the answer is given to reach the client before the socket closes. */
  static final long LINGER_MS = 500;
  /** RST_STREAM's NO_ERROR: the answer stands, the rest of the request is not wanted. */
  private static final long NO_ERROR = 0;

  private Disconnect() {}

  /** Call before writing the answer: marks it {@code Connection: close} (HTTP/1.1) and stops reading. */
  public static void prepare(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2) {
      request.response().putHeader("Connection", "close");
    }
    if (!request.isEnded()) {
      request.pause();
    }
  }

  /** Call after writing the answer: closes the connection (HTTP/1.1) or resets the unread request (HTTP/2). */
  public static void closeSoon(Vertx vertx, HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2) {
      closeConnectionSoon(vertx, request);
    } else if (!request.isEnded()) {
      request.response().reset(NO_ERROR);
    }
  }

  /**
   * Call after writing the answer when the whole connection must go whatever its protocol (it is beyond
   * a bound): under HTTP/2 the close sends GOAWAY.
   */
  public static void closeConnectionSoon(Vertx vertx, HttpServerRequest request) {
    vertx.setTimer(LINGER_MS, id -> request.connection().close());
  }
}
