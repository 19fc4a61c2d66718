package io.vescollector.receive;

import io.vescollector.answer.Responder;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesProblem;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One event loop's HTTP listener. The collector deploys one instance per configured event loop on the
 * same port; Vert.x spreads connections across them.
 */
public final class HttpVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final int maxBodyBytes;
  private final VesEndpoint ves;
  private final HealthEndpoint health;
  private final Responder responder;
  private final java.util.List<RouteMount> mounts;
  private HttpServer server;

  public HttpVerticle(HttpServerOptions options, int maxBodyBytes, VesEndpoint ves, HealthEndpoint health,
                      Responder responder, java.util.List<RouteMount> mounts) {
    this.options = options;
    this.maxBodyBytes = maxBodyBytes;
    this.ves = ves;
    this.health = health;
    this.responder = responder;
    this.mounts = java.util.List.copyOf(mounts);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setHandleFileUploads(false);
    router.post("/eventListener/:version").handler(body).handler(ctx -> ves.handle(ctx, false));
    router.post("/eventListener/:version/eventBatch").handler(body).handler(ctx -> ves.handle(ctx, true));
    router.get("/healthcheck").handler(health::healthcheck);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    mounts.forEach(m -> m.mount(router));
    router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("Welcome to VESCollector"));
    router.errorHandler(404, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.SVC2004, "URI", "path",
        "no resource at " + ctx.request().path()).withStatus(404)));
    router.errorHandler(405, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.SVC2004, "HTTP", "method",
        ctx.request().method() + " is not allowed on " + ctx.request().path()).withStatus(405)));
    router.errorHandler(413, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.POL9003,
        "the request body is larger than " + maxBodyBytes + " bytes")));
    router.errorHandler(500, ctx -> responder.problem(ctx.response(), VesProblem.of(VesError.SVC2000,
        "Internal Server Error", "500").withStatus(500)));
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
