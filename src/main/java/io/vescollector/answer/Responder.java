package io.vescollector.answer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes the collector's answers: 202 with no body when every event is stored, or a VES
 * {@code requestError} body. Only this class decides how an answer looks on the wire.
 */
public final class Responder {
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final String JSON = "application/json";

  private final ErrorBodies bodies;
  private final int retryAfterSeconds;

  public Responder(ErrorBodies bodies, int retryAfterSeconds) {
    this.bodies = bodies;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public void accepted(HttpServerResponse response) {
    if (!response.ended()) {
      response.setStatusCode(202).end();
    }
  }

  public void problem(HttpServerResponse response, VesProblem problem) {
    problem(response, problem, problem.status() == 503 ? retryAfterSeconds : -1);
  }

  /**
   * An error answer with its own {@code Retry-After} (e.g. 429 until a client address's failure window
   * ends); a negative {@code retryAfterSeconds} sends none.
   */
  public void problem(HttpServerResponse response, VesProblem problem, long retryAfterSeconds) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", JSON);
    if (retryAfterSeconds >= 0) {
      response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
    if (problem.error().kind() == VesError.Kind.POLICY && problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Basic realm=\"VES collector\"");
    }
    response.end(Buffer.buffer(bodies.render(problem)));
  }
}
