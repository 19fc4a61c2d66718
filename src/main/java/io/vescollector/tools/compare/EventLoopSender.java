package io.vescollector.tools.compare;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Producers that live on Vert.x event loops (the HTTP and WebSocket paths): one lane per producer on
 * its own context, a 1 ms tick that sends every period that is due (FIXED) or as many as the path has
 * room for (MAX; the path calls back when room frees up). Subclasses say what room and sending mean.
 */
abstract class EventLoopSender implements PathSender {
  private static final int MAX_PERIODS_PER_TICK = 500;

  protected final Vertx vertx;
  protected final Workload workload;
  protected final SendTally tally;
  protected final List<Context> contexts = new ArrayList<>();

  EventLoopSender(Vertx vertx, Workload workload, SendTally tally) {
    this.vertx = vertx;
    this.workload = workload;
    this.tally = tally;
    for (int k = 0; k < workload.producers(); k++) {
      contexts.add(vertx.getOrCreateContext()); // round-robin over the event loops
    }
  }

  /** Runs {@code connect} for every producer on that producer's context; waits up to 30 s for all of them. */
  protected void connectAll(IntFunction<Future<Void>> connect) throws Exception {
    List<Future<Void>> opened = new ArrayList<>();
    for (int k = 0; k < workload.producers(); k++) {
      int producer = k;
      opened.add(Future.future(p -> contexts.get(producer).runOnContext(v -> connect.apply(producer).onComplete(p))));
    }
    Future.all(opened).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Whether producer k may send its next period now (called on k's context). */
  abstract boolean hasRoom(int producer);

  /** Sends one period of producer k; calls {@code onRoom} on k's context when it frees room (MAX pacing). */
  abstract void send(int producer, long period, long stampMillis, Runnable onRoom);

  /** Completes when producer k's messages are answered (HTTP) or written and closed (WebSocket). */
  abstract Future<Void> finish(int producer);

  @Override
  public void run(Pacing pacing) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(workload.producers());
    for (int k = 0; k < workload.producers(); k++) {
      Lane lane = new Lane(k, pacing, done);
      contexts.get(k).runOnContext(v -> lane.start());
    }
    if (!done.await(pacing.durationNanos() + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("producers did not finish within 60 s after the end of sending");
    }
  }

  private final class Lane {
    private final int producer;
    private final Pacing pacing;
    private final CountDownLatch done;
    private long startNanos;
    private long startMillis;
    private long next;
    private long timer;
    private boolean stopping;

    Lane(int producer, Pacing pacing, CountDownLatch done) {
      this.producer = producer;
      this.pacing = pacing;
      this.done = done;
    }

    void start() {
      startNanos = System.nanoTime();
      startMillis = System.currentTimeMillis();
      timer = vertx.setPeriodic(1, t -> tick());
      tick();
    }

    void tick() {
      if (stopping) {
        return;
      }
      long elapsed = System.nanoTime() - startNanos;
      if (elapsed >= pacing.durationNanos()) {
        stopping = true;
        vertx.cancelTimer(timer);
        finish(producer).onComplete(ar -> done.countDown());
        return;
      }
      for (int i = 0; i < MAX_PERIODS_PER_TICK && hasRoom(producer); i++) {
        long stamp;
        if (pacing.phase() == Phase.FIXED) {
          long due = pacing.dueNanos(next, producer, workload.producers());
          if (due > elapsed) {
            return;
          }
          stamp = startMillis + due / 1_000_000;
        } else {
          stamp = System.currentTimeMillis();
        }
        send(producer, next++, stamp, pacing.phase() == Phase.MAX ? this::tick : () -> { });
      }
    }
  }
}
