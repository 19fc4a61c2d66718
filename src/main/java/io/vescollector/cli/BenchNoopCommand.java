package io.vescollector.cli;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vescollector.config.NetworkTransport;
import io.vescollector.security.TlsEngine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-noop}: the machine's HTTP ceiling for {@code bench/wrk}, an HTTP server on the collector's
 * event-loop layout that reads each body whole and answers 202, doing nothing else. The collector's rates are
 * reported as ratios of this one, measured in the same run, so that they mean something on a shared machine.
 * With a certificate it serves HTTPS through the same TLS engine as the collector, the ceiling of the TLS runs.
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

  @Option(names = "--tls-cert", description = "PEM certificate chain: serve HTTPS (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-engine", defaultValue = "auto",
      description = "TLS implementation, as tls.engine: auto, openssl or jdk (default: ${DEFAULT-VALUE}).")
  String tlsEngine;

  @Option(names = "--transport", defaultValue = "nio",
      description = "Network I/O, as server.transport: auto, io_uring, epoll or nio (default: ${DEFAULT-VALUE}).")
  String transport;

  @Option(names = "--http2", description = "With --tls-cert: offer HTTP/2 through ALPN, as the collector's server.http2.")
  boolean http2;

  @Override
  public Integer call() throws InterruptedException {
    NetworkTransport io = transport();
    Vertx vertx = Vertx.builder().withTransport(io.vertxTransport()).build();
    int loops = eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
    start(vertx, options(), loops);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      stopped.countDown();
    }, "noop-shutdown"));
    System.out.println("No-op server listening on " + (tlsCert == null ? "http" : "https") + "://" + host + ":" + port
        + " with " + loops + " event loops on " + io.describe() + (tlsCert == null ? "" : ", TLS by " + engine().describe())
        + (http2 ? ", HTTP/2 and HTTP/1.1" : ""));
    stopped.await();
    return 0;
  }

  /** The server's options from the command line: plain HTTP, or HTTPS through {@code --tls-engine}. */
  HttpServerOptions options() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (http2 && tlsCert == null) {
      throw new IllegalArgumentException("--http2 needs --tls-cert: HTTP/2 is offered through ALPN, as by the collector");
    }
    if (tlsCert != null) {
      options.setSsl(true).setUseAlpn(http2).setSslEngineOptions(engine().options()).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tlsCert.toString()).setKeyPath(tlsKey.toString()));
    }
    return options;
  }

  /** As server.transport: a transport named but unavailable is refused, saying why. */
  NetworkTransport transport() {
    NetworkTransport io = NetworkTransport.valueOf(transport.toUpperCase(Locale.ROOT));
    if (!io.available()) {
      throw new IllegalArgumentException("--transport " + io.key() + " is unavailable here: " + io.unavailableBecause());
    }
    return io;
  }

  private TlsEngine engine() {
    return TlsEngine.valueOf(tlsEngine.toUpperCase(Locale.ROOT));
  }

  /** Deploys {@code eventLoops} servers with {@code options} and returns once all listen. */
  static void start(Vertx vertx, HttpServerOptions options, int eventLoops) {
    vertx.deployVerticle(() -> (Deployable) context -> context.owner().createHttpServer(options)
        .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(202).end()))
        .listen(), new DeploymentOptions().setInstances(eventLoops)).await();
  }
}
