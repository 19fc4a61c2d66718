package io.vescollector.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Password checks on a few threads of their own with a bounded queue. bcrypt costs tens of
 * milliseconds of CPU on purpose, so a flood of passwords must not reach the event loops or the
 * Vert.x workers: at most {@code threads} cores check passwords, and a check that finds the queue full
 * fails at once. Identical checks asked for while one runs (a sender opening several connections)
 * share its result instead of running again.
 */
public final class BcryptPool implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final Map<String, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();
  private final Runnable onCheck;

  /** A check asked for: its result, and whether this caller started it or joined one already running. */
  public record Check(CompletableFuture<Boolean> result, boolean started) {}

  /** @param onCheck runs on a pool thread as each check starts (to count them) */
  public BcryptPool(int threads, int queue, Runnable onCheck) {
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue), r -> {
          Thread t = new Thread(r, "ves-bcrypt-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.onCheck = onCheck;
  }

  /**
   * Runs {@code check} on the pool, or joins the running check with the same {@code key}. Never blocks.
   * The result fails with {@link RejectedExecutionException} when the queue is full or the pool closed.
   */
  public Check check(String key, Callable<Boolean> check) {
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> other = running.putIfAbsent(key, mine);
    if (other != null) {
      return new Check(other, false);
    }
    try {
      executor.execute(new Task(key, mine, check));
    } catch (RejectedExecutionException e) {
      running.remove(key, mine);
      mine.completeExceptionally(e);
    }
    return new Check(mine, true);
  }

  /** Checks waiting for a thread. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Stops the threads; checks still queued fail (their requests are answered 503). */
  @Override
  public void close() {
    List<Runnable> dropped = executor.shutdownNow();
    for (Runnable r : dropped) {
      if (r instanceof Task task) {
        task.fail(new RejectedExecutionException("the collector is stopping"));
      }
    }
  }

  /** True once closed and every thread has ended, waiting at most {@code timeoutMs}. */
  public boolean awaitTermination(long timeoutMs) throws InterruptedException {
    return executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private final class Task implements Runnable {
    private final String key;
    private final CompletableFuture<Boolean> result;
    private final Callable<Boolean> check;

    Task(String key, CompletableFuture<Boolean> result, Callable<Boolean> check) {
      this.key = key;
      this.result = result;
      this.check = check;
    }

    @Override
    public void run() {
      onCheck.run();
      boolean ok;
      try {
        ok = check.call();
      } catch (Throwable t) {
        fail(t);
        return;
      }
      running.remove(key, result);
      result.complete(ok);
    }

    void fail(Throwable t) {
      running.remove(key, result);
      result.completeExceptionally(t);
    }
  }
}
