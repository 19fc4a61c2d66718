package io.vescollector.tools.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.streaming.producer.StreamStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.WebClient;

/**
 * Path 3: TS 28.532 streaming. Each producer establishes a connection with one PERFORMANCE stream per
 * cell (POST /connections, not measured), opens the WebSocket and sends one binary frame per GPB unit,
 * honouring the socket's write queue. Wire bytes: frame payload + frame header + the client's 4-byte mask.
 */
final class WebSocketSender extends EventLoopSender {
  private final String baseUrl;
  private final ObjectMapper mapper;
  private final GpbEncoding gpb;
  private final WebClient http;
  private final WebSocketClient sockets;
  private final WebSocket[] ws;

  WebSocketSender(Vertx vertx, Workload workload, SendTally tally, String host, int port, ObjectMapper mapper) {
    super(vertx, workload, tally);
    this.baseUrl = "http://" + host + ":" + port + "/StreamingDataReportingMnS/v1";
    this.mapper = mapper;
    this.gpb = new GpbEncoding(workload);
    this.http = WebClient.create(vertx);
    this.sockets = vertx.createWebSocketClient();
    this.ws = new WebSocket[workload.producers()];
  }

  @Override
  public void open() throws Exception {
    connectAll(this::connect);
  }

  private Future<Void> connect(int k) {
    ObjectNode request = mapper.createObjectNode();
    request.put("producer", workload.plan().producerDn(k));
    request.set("streams", workload.plan().streamInfos(mapper, k));
    return http.postAbs(baseUrl + "/connections").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(request.toString()))
        .compose(response -> {
          String location = response.getHeader("Location");
          if (response.statusCode() != 201 || location == null) {
            return Future.failedFuture("POST /connections answered " + response.statusCode() + ": " + response.bodyAsString());
          }
          return sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws")));
        })
        .map(socket -> {
          socket.textMessageHandler(text -> tally.error()); // the target reports a refused unit
          ws[k] = socket;
          return null;
        });
  }

  @Override
  boolean hasRoom(int k) {
    return !ws[k].writeQueueFull();
  }

  @Override
  void send(int k, long period, long stampMillis, Runnable onRoom) {
    WebSocket socket = ws[k];
    for (CellReport r : workload.period(k, period)) {
      byte[] unit = gpb.unit(r, stampMillis).toByteArray();
      socket.writeBinaryMessage(Buffer.buffer(unit)).onFailure(e -> tally.error());
      tally.sent(r.values().length, StreamStats.frameBytes(unit.length));
    }
    if (socket.writeQueueFull()) {
      socket.drainHandler(v -> onRoom.run());
    }
  }

  @Override
  Future<Void> finish(int k) {
    return ws[k].close((short) 1000, "all streams ended");
  }

  @Override
  public void close() {
    http.close();
    sockets.close().await();
  }
}
