package io.vescollector.streaming.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vescollector.streaming.JsonBody;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamInfoValidator;
import io.vescollector.streaming.target.StreamingErrors.StreamError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The HTTP operations of TS 28.532 streaming data reporting (clause 12.5.1) that are not the
 * WebSocket itself: establish (POST /connections), getConnectionInfo, addStream, deleteStream and
 * getStreamInfo. State lives in the {@link ConnectionStore}, so any collector can serve any of them.
 * A connection another principal established is, to the caller, a connection that does not exist.
 */
public final class ConnectionsEndpoint {
  private final ConnectionStore store;
  private final ConnectionJson json;
  private final StreamInfoValidator validator;
  private final ObjectMapper mapper;
  private final ConnectionAccess access;

  ConnectionsEndpoint(ConnectionStore store, ConnectionJson json, StreamInfoValidator validator, ObjectMapper mapper,
                      ConnectionAccess access) {
    this.store = store;
    this.json = json;
    this.validator = validator;
    this.mapper = mapper;
    this.access = access;
  }

  /** establishStreamingConnection, step 1: 201 with the connection URI in Location, no body. */
  public void create(RoutingContext ctx) {
    JsonBody read = JsonBody.read(mapper, ctx.body().buffer());
    JsonNode body = read.tree();
    if (body == null || !body.isObject()) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400,
          List.of(new StreamError(null, read.refusal("the body must be a JSON connectionRequest {producer, streams:[streamInfo]}"))));
      return;
    }
    JsonNode producer = body.get("producer");
    if (producer != null && !producer.isTextual()) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400, List.of(new StreamError(null, "producer must be a string (a DN)")));
      return;
    }
    JsonNode streams = body.get("streams");
    if (streams != null && !streams.isArray()) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400, List.of(new StreamError(null, "streams must be an array of streamInfo")));
      return;
    }
    if (streams != null && streams.size() > access.maxStreamsPerConnection()) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400, List.of(new StreamError(null, streams.size()
          + " streams asked for; a connection has at most " + access.maxStreamsPerConnection()
          + " (streaming.maxStreamsPerConnection)")));
      return;
    }
    List<StreamInfo> accepted = new ArrayList<>();
    List<StreamError> errors = new ArrayList<>();
    check(streams, Set.of(), accepted, errors);
    if (!errors.isEmpty()) {
      StreamingErrors.sendFailedConnection(ctx.response(), 400, errors);
      return;
    }
    String principal = ConnectionAccess.principal(ctx);
    Optional<ConnectionAccess.Refusal> refusal = access.refuseNewConnection(store.all(), principal);
    if (refusal.isPresent()) {
      StreamingErrors.sendFailedConnection(ctx.response(), refusal.get().status(),
          List.of(new StreamError(null, refusal.get().reason())));
      return;
    }
    String id = UUID.randomUUID().toString();
    String uri = collectionUri(ctx) + "/" + id;
    ConnectionInfo connection = new ConnectionInfo(id, uri, producer == null ? null : producer.asText(), accepted,
        principal);
    store.put(connection).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().setStatusCode(201).putHeader("Location", uri).end();
      } else {
        StreamingErrors.sendFailedConnection(ctx.response(), 503,
            List.of(new StreamError(null, "the connection could not be stored: " + ar.cause().getMessage())));
      }
    });
  }

  /** getConnectionInfo for several connections: all of them, or those of connectionIdList (202 when some are unknown). */
  public void list(RoutingContext ctx) {
    String principal = ConnectionAccess.principal(ctx);
    List<String> wanted = multiValued(ctx, "connectionIdList").stream().map(ConnectionsEndpoint::lastSegment).toList();
    if (wanted.isEmpty()) {
      ArrayNode all = json.array();
      store.all().stream().filter(c -> access.mayUse(c, principal)).forEach(c -> all.add(json.connectionInfo(c)));
      ok(ctx.response(), 200, all.toString());
      return;
    }
    Future<Void> ready = wanted.stream().allMatch(id -> store.get(id).isPresent()) ? Future.succeededFuture() : store.sync();
    ready.onComplete(ar -> {
      ArrayNode found = json.array();
      wanted.forEach(id -> store.get(id).filter(c -> access.mayUse(c, principal))
          .ifPresent(c -> found.add(json.connectionInfo(c))));
      answerPartial(ctx.response(), found, wanted.size(), "none of the connections " + wanted + " is known");
    });
  }

  /** getConnectionInfo for one connection (the same path without upgrade headers opens the WebSocket). */
  public void get(RoutingContext ctx) {
    withConnection(ctx, c -> ok(ctx.response(), 200, json.connectionInfo(c).toString()));
  }

  /** addStream: 201 when every stream was added, 202 when some were; the body lists the added ones. */
  public void addStreams(RoutingContext ctx) {
    JsonBody read = JsonBody.read(mapper, ctx.body().buffer());
    JsonNode body = read.tree();
    if (body == null || !body.isArray() || body.isEmpty()) {
      StreamingErrors.send(ctx.response(), 400, read.refusal("the body must be a non-empty JSON array of streamInfo"));
      return;
    }
    withConnection(ctx, c -> {
      Set<String> existing = new HashSet<>();
      c.streams().forEach(s -> existing.add(s.streamId()));
      List<StreamInfo> accepted = new ArrayList<>();
      List<StreamError> errors = new ArrayList<>();
      check(body, existing, accepted, errors);
      int left = access.streamsLeft(c.streams().size());
      while (accepted.size() > left) {
        StreamInfo refused = accepted.remove(accepted.size() - 1);
        errors.add(new StreamError(refused.streamId(), "connection " + c.id() + " has the most streams one may have ("
            + access.maxStreamsPerConnection() + ", streaming.maxStreamsPerConnection)"));
      }
      if (accepted.isEmpty()) {
        StreamingErrors.send(ctx.response(), 400, "no stream was added: " + describe(errors));
        return;
      }
      store.put(c.withAdded(accepted)).onComplete(ar -> {
        if (ar.failed()) {
          StreamingErrors.send(ctx.response(), 503, "the streams could not be stored: " + ar.cause().getMessage());
          return;
        }
        ArrayNode added = json.array();
        accepted.forEach(s -> added.add(s.json()));
        ok(ctx.response(), errors.isEmpty() ? 201 : 202, added.toString());
      });
    });
  }

  /** deleteStream: 204; every named stream must exist, or nothing is deleted (404 naming the unknown ones). */
  public void deleteStreams(RoutingContext ctx) {
    List<String> ids = multiValued(ctx, "streamIds");
    if (ids.isEmpty()) {
      StreamingErrors.send(ctx.response(), 400, "the query parameter streamIds is required");
      return;
    }
    withConnection(ctx, c -> {
      List<String> unknown = ids.stream().filter(id -> c.stream(id).isEmpty()).toList();
      if (!unknown.isEmpty()) {
        StreamingErrors.send(ctx.response(), 404, "connection " + c.id() + " has no stream " + unknown + "; nothing was deleted");
        return;
      }
      store.put(c.without(ids)).onComplete(ar -> {
        if (ar.succeeded()) {
          ctx.response().setStatusCode(204).end();
        } else {
          StreamingErrors.send(ctx.response(), 503, "the change could not be stored: " + ar.cause().getMessage());
        }
      });
    });
  }

  /** getStreamInfo for streamIds: 200 all found, 202 some, 404 none. */
  public void getStreams(RoutingContext ctx) {
    List<String> ids = multiValued(ctx, "streamIds");
    if (ids.isEmpty()) {
      StreamingErrors.send(ctx.response(), 400, "the query parameter streamIds is required");
      return;
    }
    withConnection(ctx, c -> {
      ArrayNode found = json.array();
      ids.forEach(id -> c.stream(id).ifPresent(s -> found.add(json.withReporters(c, s))));
      answerPartial(ctx.response(), found, ids.size(), "connection " + c.id() + " has none of the streams " + ids);
    });
  }

  /** getStreamInfo for one stream. */
  public void getStream(RoutingContext ctx) {
    String streamId = ctx.pathParam("streamId");
    withConnection(ctx, c -> {
      Optional<StreamInfo> stream = c.stream(streamId);
      if (stream.isPresent()) {
        ok(ctx.response(), 200, json.withReporters(c, stream.get()).toString());
      } else {
        StreamingErrors.send(ctx.response(), 404, "connection " + c.id() + " has no stream " + streamId);
      }
    });
  }

  private void withConnection(RoutingContext ctx, Consumer<ConnectionInfo> then) {
    String id = ctx.pathParam("connectionId");
    String principal = ConnectionAccess.principal(ctx);
    store.find(id).onComplete(ar -> {
      if (ar.failed()) {
        StreamingErrors.send(ctx.response(), 503, "the streaming connections could not be read: " + ar.cause().getMessage());
      } else if (ar.result().filter(c -> access.mayUse(c, principal)).isEmpty()) {
        StreamingErrors.send(ctx.response(), 404, "no streaming connection " + id);
      } else {
        then.accept(ar.result().get());
      }
    });
  }

  private void check(JsonNode streams, Set<String> existing, List<StreamInfo> accepted, List<StreamError> errors) {
    if (streams == null) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>(existing);
    for (JsonNode s : streams) {
      StreamInfoValidator.Checked checked = validator.check(s);
      if (!checked.valid()) {
        errors.add(new StreamError(checked.streamId(), checked.reason()));
      } else if (!seen.add(checked.streamId())) {
        errors.add(new StreamError(checked.streamId(), "streamId " + checked.streamId() + " is already a stream of this connection"));
      } else {
        accepted.add(checked.info());
      }
    }
  }

  private static void answerPartial(HttpServerResponse response, ArrayNode found, int wanted, String noneMessage) {
    if (found.isEmpty()) {
      StreamingErrors.send(response, 404, noneMessage);
    } else {
      ok(response, found.size() == wanted ? 200 : 202, found.toString());
    }
  }

  private static void ok(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  private static String describe(List<StreamError> errors) {
    StringBuilder sb = new StringBuilder();
    for (StreamError e : errors) {
      sb.append(sb.length() == 0 ? "" : "; ").append(e.streamId() == null ? "" : e.streamId() + ": ").append(e.errorReason());
    }
    return sb.toString();
  }

  /** A query parameter given repeated (form, explode) or comma-separated. */
  static List<String> multiValued(RoutingContext ctx, String name) {
    List<String> values = new ArrayList<>();
    for (String v : ctx.queryParam(name)) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return values;
  }

  /** A connection is named by its URI or by its id, the URI's last segment. */
  static String lastSegment(String uriOrId) {
    String s = uriOrId.endsWith("/") ? uriOrId.substring(0, uriOrId.length() - 1) : uriOrId;
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static String collectionUri(RoutingContext ctx) {
    String uri = ctx.request().absoluteURI();
    int query = uri.indexOf('?');
    if (query >= 0) {
      uri = uri.substring(0, query);
    }
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
