package io.vescollector.tools.compare;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;

/**
 * The HV-VES path: each producer keeps one TCP connection to the collector's HV-VES listener and writes
 * one WTP frame per period (all its cells), honouring the socket's write queue, which the collector's
 * back-pressure fills. WTP has no answer: a value counts as delivered when the consumer reads it. Wire
 * bytes: the WTP frames (12-byte header and payload).
 */
final class HvVesSender extends EventLoopSender {
  private final HvVesEncoding encoding;
  private final NetClient client;
  private final String host;
  private final int port;
  private final NetSocket[] sockets;

  HvVesSender(Vertx vertx, Workload workload, SendTally tally, String host, int port) {
    super(vertx, workload, tally);
    this.encoding = new HvVesEncoding(workload);
    this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    this.host = host;
    this.port = port;
    this.sockets = new NetSocket[workload.producers()];
  }

  @Override
  public void open() throws Exception {
    connectAll(producer -> client.connect(port, host).map(socket -> {
      socket.exceptionHandler(e -> tally.error());
      sockets[producer] = socket;
      return null;
    }));
  }

  @Override
  boolean hasRoom(int k) {
    return !sockets[k].writeQueueFull();
  }

  @Override
  void send(int k, long period, long stampMillis, Runnable onRoom) {
    NetSocket socket = sockets[k];
    List<CellReport> reports = workload.period(k, period);
    byte[] frame = encoding.frame(k, period, reports, stampMillis);
    socket.write(Buffer.buffer(frame)).onFailure(e -> tally.error());
    tally.sent(workload.valuesPerPeriod(), frame.length);
    if (socket.writeQueueFull()) {
      socket.drainHandler(v -> onRoom.run());
    }
  }

  @Override
  Future<Void> finish(int k) {
    return sockets[k].end();
  }

  @Override
  public void close() {
    client.close().await();
  }
}
