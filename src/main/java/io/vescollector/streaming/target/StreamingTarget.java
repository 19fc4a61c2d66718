package io.vescollector.streaming.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.publish.EventPublisher;
import io.vescollector.receive.RouteMount;
import io.vescollector.streaming.StreamInfoValidator;
import io.vescollector.streaming.StreamRecordFactory;
import io.vescollector.streaming.StreamingConfig;
import io.vescollector.streaming.pm.PmUnitCodec;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The TS 28.532 streaming target (MnS consumer side of streaming data reporting) on the collector's
 * own listener, under {@code {root}/StreamingDataReportingMnS/{MnSVersion}} with any {@code v<digits>}
 * version. Units go through the collector's publisher: same producer, same in-flight bound as VES.
 */
public final class StreamingTarget implements AutoCloseable {
  private static final Pattern VERSION = Pattern.compile("v\\d+");
  private static final int MAX_REQUEST_BYTES = 1 << 20;

  private final StreamingConfig config;
  private final ConnectionStore store;
  private final ConnectionsEndpoint connections;
  private final StreamSocketEndpoint sockets;

  private StreamingTarget(StreamingConfig config, ConnectionStore store, ConnectionsEndpoint connections,
                          StreamSocketEndpoint sockets) {
    this.config = config;
    this.store = store;
    this.connections = connections;
    this.sockets = sockets;
  }

  /**
   * Starts reading the shared connections topic in the background ({@link ConnectionStore}): requests that need
   * it wait for it to be read.
   * @param createTopic whether the connections topic is created when missing ({@code kafka.topic.create})
   */
  public static StreamingTarget start(Vertx vertx, StreamingConfig config, Admin admin, KafkaClientSettings clients,
                                      boolean createTopic, short replicationFactor, EventPublisher publisher,
                                      ObjectMapper mapper, MeterRegistry registry) {
    StreamInfoValidator validator = new StreamInfoValidator();
    ConnectionJson json = new ConnectionJson(mapper, validator);
    ConnectionStore store = ConnectionStore.start(vertx, admin, clients, config.connectionsTopic(),
        createTopic, replicationFactor, publisher, json, config.syncTimeoutMs());
    UnitRouter router = new UnitRouter(new PmUnitCodec(), new StreamRecordFactory(), config.topics());
    ConnectionAccess access = new ConnectionAccess(config.quotas());
    return new StreamingTarget(config, store,
        new ConnectionsEndpoint(store, json, validator, mapper, access),
        new StreamSocketEndpoint(vertx, store, router, publisher, config.maxPendingUnits(), access,
            new StreamingMetrics(registry).bindConnections(registry, store)));
  }

  /**
   * The routes, for {@code HttpVerticle}, which runs the listener's authentication before every mount:
   * the principal it leaves in the routing context owns the connections it establishes.
   */
  public RouteMount mount() {
    return this::mountOn;
  }

  private void mountOn(Router router) {
    String base = config.basePath() + "/:version";
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES).setHandleFileUploads(false);
    router.route(base + "/*").handler(StreamingTarget::checkVersion);
    router.post(base + "/connections").handler(body).handler(connections::create);
    router.get(base + "/connections").handler(connections::list);
    router.get(base + "/connections/:connectionId").handler(ctx -> {
      if (StreamSocketEndpoint.isUpgrade(ctx)) {
        sockets.upgrade(ctx);
      } else {
        connections.get(ctx);
      }
    });
    router.post(base + "/connections/:connectionId/streams").handler(body).handler(connections::addStreams);
    router.get(base + "/connections/:connectionId/streams").handler(connections::getStreams);
    router.delete(base + "/connections/:connectionId/streams").handler(connections::deleteStreams);
    router.get(base + "/connections/:connectionId/streams/:streamId").handler(connections::getStream);
  }

  /** Route handler: lets {@code v<digits>} in the {@code version} path parameter through, else 404 errorResponse. */
  public static void checkVersion(RoutingContext ctx) {
    String version = ctx.pathParam("version");
    if (version == null || !VERSION.matcher(version).matches()) {
      StreamingErrors.send(ctx.response(), 404, "unknown MnS version '" + version + "'; expected v<digits>, e.g. v1");
      return;
    }
    ctx.next();
  }

  @Override
  public void close() {
    store.close();
  }

  /** Closes within {@code grace}, as a shutdown with Kafka away requires. */
  public void close(Duration grace) {
    store.close(grace);
  }
}
