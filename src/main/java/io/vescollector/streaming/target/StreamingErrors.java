package io.vescollector.streaming.target;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Error bodies in the shapes of TS28532_StreamingDataMnS.yaml: errorResponse-Type
 * {@code {"error":{"errorInfo":"..."}}} for every operation, and failedConnectionResponse-Type
 * {@code {"error":[{"streamId":...,"errorReason":...}]}} for a refused POST /connections. The spec
 * lists no error codes; the target uses 400 (bad request), 404 (unknown resource), 503 (Kafka).
 */
public final class StreamingErrors {
  private StreamingErrors() {}

  /** One refused stream (streamId null when the problem is not a stream's). */
  public record StreamError(String streamId, String errorReason) {}

  public static JsonObject errorInfo(String info) {
    return new JsonObject().put("error", new JsonObject().put("errorInfo", info));
  }

  public static void send(HttpServerResponse response, int status, String info) {
    end(response, status, errorInfo(info));
  }

  public static void sendFailedConnection(HttpServerResponse response, int status, List<StreamError> errors) {
    JsonArray array = new JsonArray();
    for (StreamError e : errors) {
      JsonObject item = new JsonObject();
      if (e.streamId() != null) {
        item.put("streamId", e.streamId());
      }
      array.add(item.put("errorReason", e.errorReason()));
    }
    end(response, status, new JsonObject().put("error", array));
  }

  private static void end(HttpServerResponse response, int status, JsonObject body) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
