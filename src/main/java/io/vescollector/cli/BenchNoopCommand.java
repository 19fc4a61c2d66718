package io.vescollector.cli;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-noop}: the machine's HTTP ceiling for {@code bench/wrk}, an HTTP server on the collector's
 * event-loop layout that reads each body whole and answers 202, doing nothing else. The collector's rates are
 * reported as ratios of this one, measured in the same run, so that they mean something on a shared machine.
 * Hidden from help: only the benchmark starts it.
 */
@Command(name = "bench-noop", hidden = true, mixinStandardHelpOptions = true,
    description = "HTTP server that reads each body and answers 202 (the benchmark's ceiling).")
public final class BenchNoopCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", required = true, description = "Port to bind.")
  int port;

  @Option(names = "--event-loops", description = "Server verticles (default: one per CPU core, as the collector).")
  Integer eventLoops;

  @Override
  public Integer call() throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    int loops = eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
    start(vertx, host, port, loops);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      stopped.countDown();
    }, "noop-shutdown"));
    System.out.println("No-op server listening on " + host + ":" + port + " with " + loops + " event loops");
    stopped.await();
    return 0;
  }

  /** Deploys {@code eventLoops} servers on {@code host:port} and returns once all listen. */
  static void start(Vertx vertx, String host, int port, int eventLoops) {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true);
    vertx.deployVerticle(() -> (Deployable) context -> context.owner().createHttpServer(options)
        .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(202).end()))
        .listen(), new DeploymentOptions().setInstances(eventLoops)).await();
  }
}
