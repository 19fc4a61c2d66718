package io.vescollector.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.tools.send.RequestOutcome.Attempt;
import io.vescollector.tools.send.RequestOutcome;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic on a hand-made outcome log, Kafka contents and timeline. */
class OutcomeAnalysisTest {
  private static final String A = "http://127.0.0.1:1";
  private static final String B = "http://127.0.0.1:2";
  private static final Scenario SCENARIO = new BrokerKill(Duration.ofSeconds(10));

  private final AtomicLong now = new AtomicLong();
  private final Timeline timeline = new Timeline(new PrintStream(OutputStream.nullOutputStream()), now::get);

  @Test
  void everyRequestIsCountedByItsLastAttemptAndMatchedWithKafkaByEventId() {
    fault(10_000, 20_000);
    List<RequestOutcome> log = List.of(
        request("before", 1_000, "202", attempt(A, 202, 1_000, 5)),
        request("retried", 10_500, "202", attempt(A, 503, 10_500, 9_000), attempt(B, 202, 19_500, 10)),
        request("refused", 11_000, "503", attempt(A, 503, 11_000, 9_000), attempt(B, 503, 20_000, 9_000)),
        request("lost-connection", 12_000, RequestOutcome.NO_ANSWER, attempt(A, 0, 12_000, 1), attempt(B, 0, 12_001, 1)),
        request("missing", 13_000, "202", attempt(B, 202, 13_000, 4_000)),
        request("odd", 14_000, "400", attempt(B, 400, 14_000, 1)),
        new RequestOutcome(List.of("not-sent"), 15_000, List.of(), RequestOutcome.NOT_SENT, -1),
        request("after", 25_000, "202", attempt(B, 202, 25_000, 3)));
    Map<String, Integer> kafka = Map.of("before", 1, "retried", 2, "refused", 1, "odd", 1, "after", 1,
        "someone-else", 3);

    ScenarioResult r = OutcomeAnalysis.analyse(SCENARIO, log, kafka, timeline);

    assertEquals(7, r.sent());
    assertEquals(4, r.accepted());
    assertEquals(1, r.unavailable());
    assertEquals(1, r.other());
    assertEquals(1, r.unanswered());
    assertEquals(1, r.notSent());
    assertTrue(r.balanced());
    assertEquals(3, r.retried());
    assertEquals(5, r.stored(), "sent events found in Kafka; others' records do not count");
    assertEquals(1, r.acceptedAbsent());
    assertEquals(List.of("missing"), r.absentSample());
    assertEquals(1, r.duplicated());
    assertEquals(Map.of("503→202", 1L), r.duplicatesByPath());
    assertEquals(Map.of("503→503", 1L, "400", 1L), r.storedWithout202());
    assertEquals(1, r.acceptedAfterRecovery());
    assertEquals(7.0, r.firstAcceptedAfterFault(), 1e-9, "'missing' ended at 17 s, 7 s after the fault");
    assertEquals(19.0, r.lastFailureAfterFault(), 1e-9, "'refused' ended at 29 s");
    assertEquals(7.0, r.longestWithout202(), 1e-9, "from the fault at 10 s to the first 202 at 17 s");
    assertEquals(5, r.requestsDuring());
  }

  @Test
  void withoutFailuresThereIsNoLastFailureAndTheBaselineIsTheRequestsAnsweredBeforeTheFault() {
    fault(10_000, 12_000);
    List<RequestOutcome> log = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      log.add(request("early-" + i, i * 10L, "202", attempt(A, 202, i * 10L, i >= 98 ? 50 : 2)));
    }
    log.add(request("caught", 9_990, "202", attempt(A, 202, 9_990, 2_000))); // due before, answered after the fault began
    log.add(request("during", 11_000, "202", attempt(B, 202, 11_000, 100)));
    Map<String, Integer> kafka = new HashMap<>();
    log.forEach(o -> kafka.put(o.eventIds().get(0), 1));

    ScenarioResult r = OutcomeAnalysis.analyse(SCENARIO, log, kafka, timeline);

    assertNull(r.lastFailureAfterFault());
    assertEquals(0, r.acceptedAbsent());
    assertEquals(50.0, r.p99BeforeMs(), 0.1, "the two slowest of the 100 answered before the fault");
    assertEquals(100.0, r.p99DuringMs(), 0.1);
    assertEquals(1.1, r.longestWithout202(), 1e-9, "11.1 s to the window's end at 12 s; 'caught' ended at 11.99 s");
    assertFalse(r.duplicatesByPath().containsKey("202"));
  }

  private void fault(long start, long end) {
    now.set(start);
    timeline.faultStarts("fault");
    now.set(end);
    timeline.faultEnds("healed");
  }

  private static RequestOutcome request(String id, long due, String outcome, Attempt... attempts) {
    Attempt last = attempts[attempts.length - 1];
    long latencyMicros = (last.sentAtMillis() - due) * 1000 + last.latencyMicros();
    return new RequestOutcome(List.of(id), due, List.of(attempts), outcome, latencyMicros);
  }

  private static Attempt attempt(String url, int status, long sentAt, long millis) {
    return new Attempt(url, status, status == 0 ? "Connection refused" : null, sentAt, millis * 1000);
  }
}
