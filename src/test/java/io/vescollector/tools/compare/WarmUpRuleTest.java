package io.vescollector.tools.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A warm-up ends when the collector's compiler has been quiet for two slices in a row, or at its limit. */
class WarmUpRuleTest {
  private static final long SLICE = Duration.ofSeconds(2).toNanos();
  private final WarmUpRule rule = WarmUpRule.upTo(Duration.ofSeconds(60));

  @Test
  void aSliceIsQuietUnderFivePercentOfACore() {
    assertEquals(1, rule.quietInARow(0, SLICE / 25, SLICE), "4 % of a core");
    assertEquals(0, rule.quietInARow(1, SLICE / 10, SLICE), "10 %: compiling again, the count starts over");
    assertEquals(2, rule.quietInARow(1, 0, SLICE));
  }

  @Test
  void twoQuietSlicesInARowEndIt() {
    int quiet = rule.quietInARow(0, SLICE / 2, SLICE);
    assertFalse(rule.done(quiet, 2 * SLICE));
    quiet = rule.quietInARow(quiet, 0, SLICE);
    assertFalse(rule.done(quiet, 4 * SLICE), "one quiet slice is not enough: the compiler comes in bursts");
    quiet = rule.quietInARow(quiet, 0, SLICE);
    assertTrue(rule.done(quiet, 6 * SLICE));
  }

  @Test
  void theLimitEndsItWhileStillCompiling() {
    assertFalse(rule.done(0, Duration.ofSeconds(58).toNanos()));
    assertTrue(rule.done(0, Duration.ofSeconds(60).toNanos()));
  }

  @Test
  void aPathWithoutTheCollectorCountsAsQuiet() {
    assertEquals(1, rule.quietInARow(0, 0, SLICE), "no JIT time is measured for it: 0");
  }
}
