package io.vescollector.tools.bench;

import static io.vescollector.tools.bench.LoadResults.clean;
import static io.vescollector.tools.bench.LoadResults.with503;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.tools.send.LatencySummary;
import io.vescollector.tools.send.LoadResult;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** When a load run's figures cannot be believed, and that the reason says why. */
class RunCheckTest {
  private static final LatencySummary LATENCY = new LatencySummary(1, 1, 1, 1, 1, 1);

  @Test
  void aRunWhereEveryRequestGot202IsClean() {
    assertEquals(List.of(), RunCheck.problems("single", clean(1000, 1, 1, 100), 1));
    assertEquals(List.of(), RunCheck.problems("batch", clean(10, 100, 1, 100), 100));
  }

  @Test
  void non2xxAnswersAreReportedWithTheirStatusAndTheFirstError() {
    List<String> problems = RunCheck.problems("single closed loop", with503(1000, 10, 1, 1), 1);
    assertEquals(1, problems.size());
    String p = problems.get(0);
    assertTrue(p.startsWith("single closed loop: 10 of 1000 requests answered non-2xx"), p);
    assertTrue(p.contains("503=10"), p);
    assertTrue(p.contains("HTTP 503"), p);
  }

  @Test
  void requestsThatWereNeitherAnsweredNorFailedAreCountedAsUnaccountedFor() {
    LoadResult r = new LoadResult(false, Duration.ofSeconds(1), 100, 100, 90, 0, 0, 0, 0, 0, 0, 90,
        new TreeMap<>(java.util.Map.of(202, 90L)), LATENCY, null, null);
    List<String> problems = RunCheck.problems("x", r, 1);
    assertTrue(problems.stream().anyMatch(p -> p.contains("10 unaccounted for")), problems.toString());
  }

  @Test
  void connectionErrorsAndRequestsNotSentInTheOpenLoopAreProblems() {
    LoadResult r = new LoadResult(true, Duration.ofSeconds(1), 100, 100, 95, 0, 0, 0, 5, 7, 7, 95,
        new TreeMap<>(java.util.Map.of(202, 95L)), LATENCY, "java.util.concurrent.TimeoutException", null);
    List<String> problems = RunCheck.problems("open", r, 1);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("5 of 100 requests failed without an answer"), problems.get(0));
    assertTrue(problems.get(1).contains("7 requests were due but not sent"), problems.get(1));
  }

  @Test
  void acceptedEventsMustMatchTheAcceptedRequests() {
    LoadResult r = new LoadResult(false, Duration.ofSeconds(1), 10, 1000, 10, 0, 0, 0, 0, 0, 0, 999,
        new TreeMap<>(java.util.Map.of(202, 10L)), LATENCY, null, null);
    List<String> problems = RunCheck.problems("batch", r, 100);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("should carry 1000 events, counted 999"), problems.get(0));
  }

  @Test
  void aRunThatSentNothingIsNotAMeasurement() {
    LoadResult r = new LoadResult(false, Duration.ofSeconds(1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new TreeMap<>(),
        new LatencySummary(0, 0, 0, 0, 0, 0), null, null);
    assertEquals(List.of("idle: no request was sent"), RunCheck.problems("idle", r, 1));
  }
}
