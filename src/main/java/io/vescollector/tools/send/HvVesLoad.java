package io.vescollector.tools.send;

import io.vescollector.hvves.Perf3gpp;
import io.vescollector.hvves.WtpFrame;
import io.vescollector.hvves.proto.VesEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HV-VES side of {@code send}: each connection on its own event loop writes WTP frames of perf3gpp
 * events, paced by a 1 ms tick (open loop: the events due so far; closed loop: as many as the socket's
 * write queue takes, so the collector's back-pressure sets the rate). Events take turns over the simulated
 * sources; each source counts its own sequence.
 */
public final class HvVesLoad {
  private static final int GRANULARITY_SECONDS = 15;

  private final HvVesSendOptions options;
  private final Vertx vertx;
  private final List<String> metrics = new ArrayList<>();
  private final AtomicLong next = new AtomicLong();
  private final long[] sequences;
  private final LongAdder events = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<String> firstError = new AtomicReference<>();

  private HvVesLoad(Vertx vertx, HvVesSendOptions options) {
    this.vertx = vertx;
    this.options = options;
    for (int m = 0; m < options.metrics(); m++) {
      metrics.add("DRB.UEThpDl.QCI" + m);
    }
    this.sequences = new long[options.sources()];
  }

  public static HvVesSendResult run(HvVesSendOptions options) throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    try {
      return new HvVesLoad(vertx, options).run();
    } finally {
      vertx.close().await();
    }
  }

  private HvVesSendResult run() throws InterruptedException {
    NetClientOptions clientOptions = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000);
    if (options.tls()) {
      clientOptions.setSsl(true);
      if (options.insecure()) {
        clientOptions.setTrustAll(true).setHostnameVerificationAlgorithm("");
      } else {
        clientOptions.setHostnameVerificationAlgorithm("HTTPS");
        if (options.trustFile() != null) {
          clientOptions.setTrustOptions(new PemTrustOptions().addCertPath(options.trustFile().toString()));
        }
      }
      if (options.certFile() != null) {
        clientOptions.setKeyCertOptions(new PemKeyCertOptions().setCertPath(options.certFile().toString())
            .setKeyPath(options.keyFile().toString()));
      }
    }
    NetClient client = vertx.createNetClient(clientOptions);
    CountDownLatch done = new CountDownLatch(options.connections());
    long start = System.nanoTime();
    for (int c = 0; c < options.connections(); c++) {
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> client.connect(options.port(), options.host()).onComplete(ar -> {
        if (ar.failed()) {
          error(ar.cause());
          done.countDown();
        } else {
          new Lane(ar.result(), start, done).start();
        }
      }));
    }
    long limit = options.duration() == null ? TimeUnit.DAYS.toNanos(1) : options.duration().toNanos();
    done.await(limit + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    client.close().await();
    long sent = events.sum();
    return new HvVesSendResult(sent, sent * options.cells() * options.metrics(), bytes.sum(), elapsed, errors.sum(),
        firstError.get());
  }

  /** One connection: writes what is due at each tick, then ends the connection once its writes are out. */
  private final class Lane {
    private final NetSocket socket;
    private final long start;
    private final CountDownLatch done;
    private long timer;
    private boolean finished;

    Lane(NetSocket socket, long start, CountDownLatch done) {
      this.socket = socket;
      this.start = start;
      this.done = done;
    }

    void start() {
      socket.exceptionHandler(HvVesLoad.this::error);
      socket.closeHandler(v -> finish());
      timer = vertx.setPeriodic(1, t -> tick());
      tick();
    }

    private void tick() {
      long elapsed = System.nanoTime() - start;
      boolean timeUp = options.duration() != null && elapsed >= options.duration().toNanos();
      while (!timeUp && !socket.writeQueueFull()) {
        long due = options.rate() > 0 ? (long) (options.rate() * elapsed / 1e9) + 1 : Long.MAX_VALUE;
        if (options.count() > 0) {
          due = Math.min(due, options.count());
        }
        long n = next.getAndIncrement();
        if (n >= due) {
          next.decrementAndGet(); // not due yet: another tick, or another lane, takes it
          break;
        }
        byte[] frame = WtpFrame.encode(event(n).toByteArray());
        socket.write(Buffer.buffer(frame));
        events.increment();
        bytes.add(frame.length);
      }
      if (timeUp || (options.count() > 0 && next.get() >= options.count())) {
        vertx.cancelTimer(timer);
        socket.end().onComplete(ar -> socket.close());
      } else if (socket.writeQueueFull()) {
        socket.drainHandler(v -> tick());
      }
    }

    private void finish() {
      if (!finished) {
        finished = true;
        vertx.cancelTimer(timer);
        done.countDown();
      }
    }
  }

  /** Event n: source n mod sources, its next sequence, values that differ per source, cell, metric and event. */
  private VesEvent event(long n) {
    int source = (int) (n % options.sources());
    long sequence;
    synchronized (sequences) {
      sequence = sequences[source]++;
    }
    String sourceName = String.format("sim-nf-%04d", source + 1);
    List<Perf3gpp.Cell> cells = new ArrayList<>(options.cells());
    for (int c = 0; c < options.cells(); c++) {
      double[] values = new double[options.metrics()];
      for (int m = 0; m < values.length; m++) {
        values[m] = (sequence * 1009 + m * 31 + c * 7 + source * 104_729L) % 1_000_000;
      }
      cells.add(new Perf3gpp.Cell("NRCellDU=" + (c + 1), values));
    }
    long nowMicros = System.currentTimeMillis() * 1000;
    return Perf3gpp.event(sourceName, sequence, nowMicros, GRANULARITY_SECONDS,
        "ManagedElement=" + sourceName + ",GNBDUFunction=1", metrics, cells);
  }

  private void error(Throwable e) {
    errors.increment();
    firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
  }
}
