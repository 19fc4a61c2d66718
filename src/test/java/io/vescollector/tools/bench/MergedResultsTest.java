package io.vescollector.tools.bench;

import static io.vescollector.tools.bench.LoadResults.clean;
import static io.vescollector.tools.bench.LoadResults.with503;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vescollector.tools.send.LoadResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closed-loop runs made side by side add up to one. */
class MergedResultsTest {
  @Test
  void countsAddUpTheLongestElapsedCountsAndPercentilesAreTheWorstPart() {
    LoadResult a = clean(1000, 1, 10, 2_000);
    LoadResult b = with503(600, 100, 1, 12);
    LoadResult m = MergedResults.merge(List.of(a, b));
    assertEquals(Duration.ofSeconds(12), m.elapsed());
    assertEquals(1600, m.requestsSent());
    assertEquals(1500, m.responses2xx());
    assertEquals(100, m.responses5xx());
    assertEquals(1500, m.eventsAccepted());
    assertEquals(Map.of(202, 1500L, 503, 100L), m.statusCounts());
    assertEquals(m.requestsSent(), m.completed());
    assertEquals(2_000, m.latency().p99());
    assertEquals(4_000, m.latency().max());
    assertEquals(1600, m.latency().count());
    assertEquals("HTTP 503: {\"requestError\":...}", m.firstError());
  }

  @Test
  void oneRunIsItself() {
    LoadResult a = clean(10, 1, 1, 100);
    assertSame(a, MergedResults.merge(List.of(a)));
  }
}
