package io.vescollector.receive;

import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP listener. The collector deploys one instance per configured event loop on the
 * same port; Vert.x spreads connections across them. Undeploying shuts the server down gracefully:
 * no new connections, requests in flight finish within the grace period.
 */
public final class HttpVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final ListenerLimits limits;
  private final VesEndpoint ves;
  private final HealthEndpoint health;
  private final Responder responder;
  private final List<RouteMount> mounts;
  private final Handler<RoutingContext> authentication;
  private HttpServer server;

  /**
   * @param authentication runs before the VES endpoints and the mounts (null: no authentication)
   * @param mounts further endpoints, e.g. /metrics when it has no port of its own
   */
  public HttpVerticle(HttpServerOptions options, ListenerLimits limits, VesEndpoint ves, HealthEndpoint health,
                      Responder responder, Handler<RoutingContext> authentication, List<RouteMount> mounts) {
    this.options = options;
    this.limits = limits;
    this.ves = ves;
    this.health = health;
    this.responder = responder;
    this.authentication = authentication;
    this.mounts = List.copyOf(mounts);
  }

  @Override
  public Future<?> start() {
    ClientGuard guard = new ClientGuard(vertx, limits.connections(), limits.requestTimeoutMs(), responder);
    Router router = Router.router(vertx);
    router.route().handler(guard::deadline);
    if (health != null) {
      health.mount(router, false);
    }
    mounts.stream().filter(m -> !m.authenticated()).forEach(m -> m.mount(router));
    if (authentication != null) {
      router.route().handler(authentication);
    }
    BoundedBody body = new BoundedBody(limits.maxBodyBytes(), responder, ves::tooLarge);
    AckDeadlines deadlines = ves.deadlinesForThisEventLoop();
    // A route per served version: an exact path is a string compare, a path parameter a regex per request.
    for (ListenerVersion listener : ListenerVersion.values()) {
      String path = "/eventListener/" + listener.api();
      router.post(path).handler(body).handler(ctx -> ves.handle(ctx, listener, false, deadlines));
      router.post(path + "/eventBatch").handler(body).handler(ctx -> ves.handle(ctx, listener, true, deadlines));
    }
    router.post("/eventListener/:version").handler(body).handler(ves::unknownVersion);
    router.post("/eventListener/:version/eventBatch").handler(body).handler(ves::unknownVersion);
    mounts.stream().filter(RouteMount::authenticated).forEach(m -> m.mount(router));
    router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("Welcome to VESCollector"));
    router.errorHandler(404, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.SVC2004, "URI", "path",
        "no resource at " + ctx.request().path()).withStatus(404)));
    router.errorHandler(405, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.SVC2004, "HTTP", "method",
        ctx.request().method() + " is not allowed on " + ctx.request().path()).withStatus(405)));
    router.errorHandler(413, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.POL9003,
        "the request body is larger than " + limits.maxBodyBytes() + " bytes")));
    router.errorHandler(500, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.SVC2000,
        "Internal Server Error", "500").withStatus(500)));
    return vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          guard.connected(connection);
          Http2AnswerFlushes.gather(connection);
        })
        .requestHandler(request -> {
          if (guard.admit(request)) {
            router.handle(request);
          }
        })
        .listen().onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(limits.drainMs(), TimeUnit.MILLISECONDS);
  }

  /** The running server, for TLS certificate reloads. */
  public HttpServer server() {
    return server;
  }
}
