package io.vescollector.receive;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Health and metrics on a port of their own, plain HTTP without credentials, so probes and Prometheus
 * keep working when the VES port requires TLS and authentication. Bind it to an internal address.
 */
public final class ManagementVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final HealthEndpoint health;
  private final List<RouteMount> mounts;
  private HttpServer server;

  public ManagementVerticle(HttpServerOptions options, HealthEndpoint health, List<RouteMount> mounts) {
    this.options = options;
    this.health = health;
    this.mounts = List.copyOf(mounts);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    health.mount(router, true);
    mounts.forEach(m -> m.mount(router));
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
