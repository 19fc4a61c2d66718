package io.vescollector.cli;

import io.vescollector.tools.bench.NoopServer;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench-noop}: the no-op ceiling server in a process of its own; started by {@code bench}, hidden from help. */
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
    int bound = NoopServer.start(vertx, host, port, loops);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      stopped.countDown();
    }, "noop-shutdown"));
    System.out.println("No-op server listening on " + host + ":" + bound + " with " + loops + " event loops");
    stopped.await();
    return 0;
  }
}
