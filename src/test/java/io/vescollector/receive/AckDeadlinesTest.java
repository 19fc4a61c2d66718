package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The response timeout: a request Kafka has not answered in time is timed out once; one it has answered never is. */
class AckDeadlinesTest {
  private long now = 1_000_000_000L;
  private final AckDeadlines deadlines = new AckDeadlines(100, () -> now);
  private final List<String> timedOut = new ArrayList<>();

  @Test
  void onlyUnsettledRequestsPastTheirDeadlineTimeOutAndEachOnlyOnce() {
    AckDeadlines.Pending first = deadlines.watch(() -> timedOut.add("first"));
    advanceMs(40);
    deadlines.watch(() -> timedOut.add("second"));
    advanceMs(40);
    deadlines.watch(() -> timedOut.add("third"));
    first.settle();

    advanceMs(19); // 99 ms after the first, 59 after the second
    deadlines.sweep();
    assertEquals(List.of(), timedOut);

    advanceMs(1); // the first's deadline has passed, but it was settled; the second's has not
    deadlines.sweep();
    assertEquals(List.of(), timedOut);

    advanceMs(40); // the second's deadline
    deadlines.sweep();
    deadlines.sweep();
    assertEquals(List.of("second"), timedOut);

    advanceMs(100);
    deadlines.sweep();
    assertEquals(List.of("second", "third"), timedOut);
    assertEquals(0, deadlines.size());
  }

  @Test
  void settledRequestsDoNotPileUpBetweenSweeps() {
    for (int i = 0; i < 10_000; i++) {
      deadlines.watch(() -> timedOut.add("answered request")).settle();
      advanceMs(1);
    }
    assertEquals(1, deadlines.size(), "only the last one is still queued");
    AckDeadlines.Pending waiting = deadlines.watch(() -> timedOut.add("waiting"));
    deadlines.watch(() -> timedOut.add("behind it")).settle();
    assertEquals(2, deadlines.size(), "settled requests behind an unsettled one wait for it");
    waiting.settle();
    deadlines.watch(() -> timedOut.add("next")).settle();
    assertEquals(1, deadlines.size());
    assertEquals(List.of(), timedOut);
  }

  @Test
  void sweepsAreATenthOfTheTimeoutBetweenTenMillisecondsAndOneSecond() {
    assertEquals(10, AckDeadlines.sweepPeriodMs(50));
    assertEquals(150, AckDeadlines.sweepPeriodMs(1_500));
    assertEquals(1_000, AckDeadlines.sweepPeriodMs(10_000));
  }

  private void advanceMs(long ms) {
    now += TimeUnit.MILLISECONDS.toNanos(ms);
  }
}
