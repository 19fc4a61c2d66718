package io.vescollector.tools.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The ceiling of the machine for the benchmark: an HTTP server on the same event-loop layout as the
 * collector that reads each body whole and answers 202, doing nothing else. The collector's
 * throughput is reported as a ratio of this one, measured in the same run, so that a figure means
 * something on a noisy, shared machine.
 */
public final class NoopServer extends VerticleBase {
  private final HttpServerOptions options;

  private NoopServer(HttpServerOptions options) {
    this.options = options;
  }

  /** Starts the server on {@code port} (0 = any) with {@code eventLoops} verticles; returns the bound port. */
  public static int start(Vertx vertx, String host, int port, int eventLoops) {
    int bound = port != 0 ? port : io.vescollector.FreePort.on(host);
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(bound).setTcpNoDelay(true);
    vertx.deployVerticle(() -> new NoopServer(options), new DeploymentOptions().setInstances(eventLoops)).await();
    return bound;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options)
        .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(202).end()))
        .listen();
  }
}
