package io.vescollector.streaming.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated producer on the TS 28.532 WebSocket path: establishes a connection with its streams
 * (POST /connections), upgrades the connection URI to a WebSocket and sends one binary frame per PM
 * unit, at the plan's rate or as fast as the target reads (it honours the socket's write queue, so a
 * target that pushes back slows it down). A Close frame ends the connection at the end.
 */
public final class WebSocketStreamer {
  private static final int MAX_PER_TICK = 5_000;
  private static final int MAX_ERRORS_PRINTED = 5;

  private final Vertx vertx;
  private final WebClient http;
  private final WebSocketClient sockets;
  private final String baseUrl;
  private final ProducerPlan plan;
  private final int producer;
  private final StreamStats stats;
  private final ObjectMapper mapper;
  private final PrintStream err;
  private final AtomicInteger errorsPrinted = new AtomicInteger();

  private Context context;
  private PmUnitGenerator generator;
  private WebSocket ws;
  private long startNanos;
  private long sentByMe;
  private long timer = -1;
  private boolean stopping;
  private final Promise<Void> done = Promise.promise();

  public WebSocketStreamer(Vertx vertx, WebClient http, WebSocketClient sockets, String baseUrl, ProducerPlan plan,
                           int producer, StreamStats stats, ObjectMapper mapper, PrintStream err) {
    this.vertx = vertx;
    this.http = http;
    this.sockets = sockets;
    this.baseUrl = baseUrl;
    this.plan = plan;
    this.producer = producer;
    this.stats = stats;
    this.mapper = mapper;
    this.err = err;
  }

  /** Runs until the plan's duration is over (or {@link #stop()}); completes once the Close handshake is done. */
  public Future<Void> run() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> establish().onFailure(done::tryFail));
    return done.future();
  }

  /** Ends the run early (Ctrl-C): stop sending, close the connection properly. */
  public void stop() {
    if (context != null) {
      context.runOnContext(v -> finish());
    }
  }

  private Future<Void> establish() {
    ObjectNode request = mapper.createObjectNode();
    request.put("producer", plan.producerDn(producer));
    request.set("streams", plan.streamInfos(mapper, producer));
    generator = new PmUnitGenerator(plan.streams(mapper, producer), plan.granularitySeconds(), System.currentTimeMillis());
    return http.postAbs(baseUrl + "/connections").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(request.toString()))
        .compose(response -> {
          if (response.statusCode() != 201 || response.getHeader("Location") == null) {
            return Future.failedFuture("POST " + baseUrl + "/connections answered " + response.statusCode() + ": "
                + response.bodyAsString());
          }
          String location = response.getHeader("Location");
          return sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws")));
        })
        .map(socket -> {
          ws = socket;
          ws.textMessageHandler(this::onTargetMessage);
          ws.closeHandler(v -> done.tryComplete());
          ws.drainHandler(v -> pump());
          startNanos = System.nanoTime();
          timer = vertx.setPeriodic(10, t -> pump());
          if (plan.durationSeconds() > 0) {
            vertx.setTimer(plan.durationSeconds() * 1000, t -> finish());
          }
          pump();
          return null;
        });
  }

  private void pump() {
    if (stopping || ws == null) {
      return;
    }
    long allowed = MAX_PER_TICK;
    if (plan.unitsPerSecond() > 0) {
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      allowed = Math.min(allowed, (long) (plan.unitsPerSecond() * elapsed) + 1 - sentByMe);
    }
    for (long i = 0; i < allowed && !ws.writeQueueFull(); i++) {
      var unit = generator.next();
      byte[] bytes = unit.toByteArray();
      ws.writeBinaryMessage(Buffer.buffer(bytes)).onFailure(e -> stats.error());
      sentByMe++;
      stats.sent(unit.getValuesCount(), StreamStats.frameBytes(bytes.length));
    }
  }

  private void finish() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (ws == null) {
      done.tryComplete();
      return;
    }
    ws.close((short) 1000, "all streams ended").onComplete(ar -> done.tryComplete());
  }

  private void onTargetMessage(String text) {
    stats.error();
    if (errorsPrinted.incrementAndGet() <= MAX_ERRORS_PRINTED) {
      err.println("producer " + producer + ": the target reports " + text);
    }
  }
}
