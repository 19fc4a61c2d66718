package io.vescollector.answer;

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
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", JSON);
    if (problem.status() == 503) {
      response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (problem.error().kind() == VesError.Kind.POLICY && problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Basic realm=\"VES collector\"");
    }
    response.end(io.vertx.core.buffer.Buffer.buffer(bodies.render(problem)));
  }
}
