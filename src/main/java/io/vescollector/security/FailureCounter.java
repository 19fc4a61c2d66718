package io.vescollector.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Failed authentications per key (a client address, a user name) in a fixed window that opens at the
 * key's first failure. Keys come from clients, so the counts live in a bounded cache: at most
 * {@code maxKeys} of them, each forgotten when its window ends. Safe for every event loop at once.
 */
public final class FailureCounter {
  private final Cache<String, Window> windows;
  private final long windowNanos;
  private final Ticker ticker;

  /** One key's failures since {@code startNanos} (the ticker's time). */
  private record Window(long startNanos, int failures) {
    Window plusOne() {
      return new Window(startNanos, failures + 1);
    }
  }

  public FailureCounter(Duration window, long maxKeys, Ticker ticker) {
    this.windowNanos = window.toNanos();
    this.ticker = ticker;
    this.windows = Caffeine.newBuilder().maximumSize(maxKeys).ticker(ticker).expireAfter(new Expiry<String, Window>() {
      @Override
      public long expireAfterCreate(String key, Window w, long now) {
        return remaining(w, now);
      }

      @Override
      public long expireAfterUpdate(String key, Window w, long now, long currentDuration) {
        return remaining(w, now);
      }

      @Override
      public long expireAfterRead(String key, Window w, long now, long currentDuration) {
        return currentDuration;
      }
    }).build();
  }

  /** Failures of {@code key} in its current window. */
  public int failures(String key) {
    Window w = windows.getIfPresent(key);
    return w == null || remaining(w, ticker.read()) == 0 ? 0 : w.failures();
  }

  /** How long {@code key} stays at or above {@code limit} failures (the rest of its window), or 0. */
  public Duration blockedFor(String key, int limit) {
    Window w = windows.getIfPresent(key);
    if (w == null || w.failures() < limit) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(remaining(w, ticker.read()));
  }

  /** Counts one failure; returns the failures of the key's window, this one included. */
  public int add(String key) {
    return windows.asMap().compute(key, (k, w) -> current(w).plusOne()).failures();
  }

  /**
   * Counts one failure unless the key already has {@code limit}: done at once so that requests checked
   * side by side cannot all pass below the limit.
   *
   * @return false when the key was at the limit (nothing counted)
   */
  public boolean addBelow(String key, int limit) {
    boolean[] added = {false};
    windows.asMap().compute(key, (k, w) -> {
      Window now = current(w);
      if (now.failures() >= limit) {
        return now;
      }
      added[0] = true;
      return now.plusOne();
    });
    return added[0];
  }

  /** Takes back a failure counted in advance (the password turned out right); never below zero. */
  public void forgive(String key) {
    windows.asMap().computeIfPresent(key, (k, w) -> w.failures() > 0 ? new Window(w.startNanos(), w.failures() - 1) : w);
  }

  /** Keys held now (approximate, as Caffeine counts them). */
  public long estimatedSize() {
    return windows.estimatedSize();
  }

  /** Lets Caffeine finish pending evictions, for an exact {@link #estimatedSize()}. */
  public void cleanUp() {
    windows.cleanUp();
  }

  private Window current(Window w) {
    long now = ticker.read();
    return w == null || remaining(w, now) == 0 ? new Window(now, 0) : w;
  }

  private long remaining(Window w, long now) {
    return Math.max(0, w.startNanos() + windowNanos - now);
  }
}
