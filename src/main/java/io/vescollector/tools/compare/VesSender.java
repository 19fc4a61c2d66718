package io.vescollector.tools.compare;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;

/**
 * Paths 1 and 2: VES over REST. Each producer has its own connection pool (16 connections, no
 * pipelining) and keeps at most 32 single-event requests (or one period, if larger), or 4 batches, in flight; a request counts as
 * failed unless answered 202. Wire bytes are {@link HttpRequestBytes} of every request.
 */
final class VesSender extends EventLoopSender {
  static final String SINGLE_URI = "/eventListener/v7";
  static final String BATCH_URI = "/eventListener/v7/eventBatch";
  private static final int CONNECTIONS_PER_PRODUCER = 16;
  private static final int SINGLES_IN_FLIGHT = 32;
  private static final int BATCHES_IN_FLIGHT = 4;

  private final boolean batch;
  private final String host;
  private final String uri;
  private final int port;
  private final VesEncoding encoding;
  private final HttpRequestBytes requestBytes;
  private final HttpClientAgent client;
  private final int[] inFlight;
  private final Promise<Void>[] drained;
  private final boolean[] stopping;

  @SuppressWarnings("unchecked")
  VesSender(Vertx vertx, Workload workload, SendTally tally, String host, int port, boolean batch) {
    super(vertx, workload, tally);
    this.batch = batch;
    this.host = host;
    this.uri = batch ? BATCH_URI : SINGLE_URI;
    this.port = port;
    this.encoding = new VesEncoding(workload);
    this.requestBytes = new HttpRequestBytes(host, port, uri);
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_PRODUCER * workload.producers()));
    this.inFlight = new int[workload.producers()];
    this.drained = new Promise[workload.producers()];
    this.stopping = new boolean[workload.producers()];
  }

  @Override
  boolean hasRoom(int k) {
    if (batch) {
      return inFlight[k] < BATCHES_IN_FLIGHT;
    }
    return inFlight[k] == 0 || inFlight[k] + workload.cells() <= SINGLES_IN_FLIGHT;
  }

  @Override
  void send(int k, long period, long stampMillis, Runnable onRoom) {
    List<CellReport> reports = workload.period(k, period);
    if (batch) {
      post(k, encoding.batch(reports, stampMillis), workload.valuesPerPeriod(), onRoom);
    } else {
      for (CellReport r : reports) {
        post(k, encoding.single(r, stampMillis), workload.metrics(), onRoom);
      }
    }
  }

  private void post(int k, byte[] body, int values, Runnable onRoom) {
    inFlight[k]++;
    tally.sent(values, requestBytes.of(body.length));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(uri)
        .setIdleTimeout(30_000);
    client.request(options)
        .compose(req -> req.putHeader("content-type", "application/json").send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          if (ar.failed() || ar.result() != 202) {
            tally.error();
          }
          inFlight[k]--;
          if (stopping[k] && inFlight[k] == 0) {
            drained[k].tryComplete();
          }
          onRoom.run();
        });
  }

  @Override
  Future<Void> finish(int k) {
    stopping[k] = true;
    drained[k] = Promise.promise();
    if (inFlight[k] == 0) {
      drained[k].tryComplete();
    }
    return drained[k].future();
  }

  @Override
  public void close() {
    client.close().await();
  }
}
