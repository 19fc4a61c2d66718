package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.streaming.bus.SessionEndpoint;
import io.vescollector.streaming.bus.SessionServer;
import io.vescollector.streaming.producer.ProducerPlan;
import io.vescollector.streaming.producer.StreamStats;
import io.vescollector.streaming.producer.WebSocketStreamer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stream-producer}: a simulated network function for both 3GPP streaming paths, to feed the
 * collector and to compare the paths with VES.
 */
@Command(name = "stream-producer", mixinStandardHelpOptions = true,
    description = {"Simulate MnS producers streaming PM data.",
        "websocket: TS 28.532 streaming to a target (POST /connections, WebSocket, one GPB unit per frame).",
        "bus: serve the project's session API and publish to the Kafka a session names."})
public final class StreamProducerCommand implements Callable<Integer> {
  enum Mode { websocket, bus }

  @Option(names = "--mode", required = true, description = "websocket or bus.")
  Mode mode;

  @Option(names = "--target", defaultValue = "http://127.0.0.1:8080",
      description = "websocket: the streaming target, its MnS root (http://host:port[/root]) or .../StreamingDataReportingMnS/v1 (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--listen", defaultValue = "8090", description = "bus: port of the session API (default: ${DEFAULT-VALUE}).")
  int listen;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "bus: address the session API binds to (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--root", defaultValue = "", description = "bus: MnS root path before /StreamingDataReportingMnS (default: none).")
  String root;

  @Option(names = "--producers", defaultValue = "1", description = "websocket: simulated producers, one connection each (default: ${DEFAULT-VALUE}).")
  int producers;

  @Option(names = "--cells", defaultValue = "10", description = "websocket: measured objects per producer, one PERFORMANCE stream each (default: ${DEFAULT-VALUE}).")
  int cells;

  @Option(names = "--metrics", defaultValue = "20", description = "websocket: metrics per stream (default: ${DEFAULT-VALUE}).")
  int metrics;

  @Option(names = "--granularity", defaultValue = "60", description = "Granularity period in seconds written in the units (default: ${DEFAULT-VALUE}).")
  int granularity;

  @Option(names = "--units-per-second", defaultValue = "100",
      description = "Units per second per producer (bus: per session); 0 = as fast as the target or Kafka takes them (default: ${DEFAULT-VALUE}).")
  double unitsPerSecond;

  @Option(names = "--duration", defaultValue = "10", description = "Seconds to stream (websocket) or serve (bus); 0 = until Ctrl-C (default: ${DEFAULT-VALUE}).")
  long duration;

  @Override
  public Integer call() throws Exception {
    ProducerPlan plan = new ProducerPlan(UUID.randomUUID().toString().substring(0, 8), producers, cells, metrics,
        granularity, unitsPerSecond, duration);
    Vertx vertx = Vertx.vertx();
    try {
      return mode == Mode.websocket ? streamOverWebSocket(vertx, plan) : serveSessions(vertx, plan);
    } finally {
      vertx.close().await();
    }
  }

  private int streamOverWebSocket(Vertx vertx, ProducerPlan plan) throws InterruptedException {
    String base = target.replaceAll("/+$", "");
    if (!base.contains("/StreamingDataReportingMnS/")) {
      base = base + "/StreamingDataReportingMnS/v1";
    }
    ObjectMapper mapper = new ObjectMapper();
    StreamStats stats = new StreamStats();
    WebClient http = WebClient.create(vertx);
    // Default frame size (64 KB): larger units are sent as continuation frames, as the target expects.
    WebSocketClient sockets = vertx.createWebSocketClient();
    List<WebSocketStreamer> streamers = new ArrayList<>();
    List<Future<Void>> runs = new ArrayList<>();
    for (int k = 0; k < producers; k++) {
      WebSocketStreamer s = new WebSocketStreamer(vertx, http, sockets, base, plan, k, stats, mapper, System.err);
      streamers.add(s);
      runs.add(s.run());
    }
    System.out.printf("Streaming to %s: %d producer(s) x %d cells (one PERFORMANCE stream each) x %d metrics, %s%n",
        base, producers, cells, metrics, unitsPerSecond > 0 ? unitsPerSecond + " units/s per producer" : "unthrottled");
    Thread hook = new Thread(() -> streamers.forEach(WebSocketStreamer::stop), "stream-producer-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    CountDownLatch finished = new CountDownLatch(1);
    Future.join(runs).onComplete(ar -> finished.countDown());
    while (!finished.await(1, TimeUnit.SECONDS)) {
      stats.print(System.out, "progress");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running
    }
    stats.print(System.out, "done");
    long failed = runs.stream().filter(Future::failed).peek(f -> System.err.println("failed: " + f.cause().getMessage())).count();
    return failed == 0 && stats.units() > 0 ? 0 : 1;
  }

  private int serveSessions(Vertx vertx, ProducerPlan plan) throws InterruptedException {
    SessionEndpoint endpoint = new SessionEndpoint(vertx, new ObjectMapper(), plan.producerDn(0), granularity, unitsPerSecond);
    SessionServer server = SessionServer.start(vertx, host, listen, root.replaceAll("/+$", ""), endpoint);
    System.out.printf("Session API on http://%s:%d%s/StreamingDataReportingMnS/v1/sessions (producer %s); Ctrl-C stops%n",
        host, server.port(), root, plan.producerDn(0));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "stream-producer-stop"));
    long deadline = duration > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
    while (!stopped.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
      endpoint.sessions().forEach(s -> s.stats().print(System.out, "session " + s.id()));
    }
    endpoint.sessions().forEach(s -> s.stats().print(System.out, "final session " + s.id()));
    server.close();
    return 0;
  }
}
