package io.vescollector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Failure counts per key in a fixed window, bounded in keys whatever clients send. Time is a fake
 * ticker the test moves, so windows end without waiting.
 */
class FailureCounterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = now::get;

  @Test
  void aKeyIsBlockedFromItsLimitToTheEndOfItsWindow() {
    FailureCounter counter = new FailureCounter(Duration.ofSeconds(60), 100, ticker);
    assertEquals(1, counter.add("10.0.0.1"));
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertEquals(2, counter.add("10.0.0.1"));
    assertEquals(Duration.ZERO, counter.blockedFor("10.0.0.1", 3));
    assertEquals(3, counter.add("10.0.0.1"));
    assertEquals(Duration.ofSeconds(50), counter.blockedFor("10.0.0.1", 3), "the window opened at the first failure");
    assertEquals(0, counter.failures("10.0.0.2"), "other keys are not affected");

    now.addAndGet(Duration.ofSeconds(50).toNanos());
    assertEquals(Duration.ZERO, counter.blockedFor("10.0.0.1", 3));
    assertEquals(0, counter.failures("10.0.0.1"));
    counter.cleanUp();
    assertEquals(0, counter.estimatedSize(), "forgotten when the window ends");
    assertEquals(1, counter.add("10.0.0.1"), "a new window");
  }

  @Test
  void addBelowCountsOnlyBelowTheLimitAndForgiveTakesOneBack() {
    FailureCounter counter = new FailureCounter(Duration.ofSeconds(60), 100, ticker);
    assertTrue(counter.addBelow("k", 2));
    assertTrue(counter.addBelow("k", 2));
    assertFalse(counter.addBelow("k", 2));
    assertEquals(2, counter.failures("k"));
    counter.forgive("k");
    assertEquals(1, counter.failures("k"));
    counter.forgive("k");
    counter.forgive("k");
    assertEquals(0, counter.failures("k"), "never below zero");
    counter.forgive("absent");
    assertEquals(0, counter.failures("absent"));
  }

  @Test
  void manyDistinctAddressesAndNamesStayWithinTheBounds() {
    FailureCounter addresses = new FailureCounter(Duration.ofMinutes(5), Authenticator.MAX_TRACKED_ADDRESSES, ticker);
    FailureCounter names = new FailureCounter(Duration.ofMinutes(5), Authenticator.MAX_TRACKED_NAMES, ticker);
    for (int i = 0; i < 300_000; i++) {
      addresses.add("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
      names.add("user-" + i);
    }
    addresses.cleanUp();
    names.cleanUp();
    assertTrue(addresses.estimatedSize() <= Authenticator.MAX_TRACKED_ADDRESSES, "" + addresses.estimatedSize());
    assertTrue(names.estimatedSize() <= Authenticator.MAX_TRACKED_NAMES, "" + names.estimatedSize());
  }
}
