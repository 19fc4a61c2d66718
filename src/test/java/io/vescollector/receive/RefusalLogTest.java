package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.publish.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The refusal log line says who was refused and why in short, never with the body, and a burst cannot flood it. */
class RefusalLogTest {
  private final List<String> lines = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RefusalLog log = new RefusalLog(lines::add, 5, now::get);

  private static Refusal refusal(int i) {
    return new Refusal("req-" + i, 400, "SVC0002", "Invalid input value for message part secret-reason", "192.0.2.7",
        null, "{\"event\": \"secret body\"}".getBytes(StandardCharsets.UTF_8), false, Instant.now());
  }

  @Test
  void theLineHasRequestIdStatusMessageIdAndAddressButNeitherBodyNorReason() {
    log.refused(refusal(1));

    assertEquals(List.of("Refused request req-1: 400 SVC0002 from 192.0.2.7"), lines);
    assertFalse(lines.get(0).contains("secret"));
  }

  @Test
  void aBurstIsCutToTheRateAndSummedUpInTheNextSecond() {
    for (int i = 0; i < 1000; i++) {
      log.refused(refusal(i));
    }
    assertEquals(5, lines.size(), lines.toString());
    assertEquals("Refused request req-4: 400 SVC0002 from 192.0.2.7", lines.get(4));

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
    log.refused(refusal(1000));
    assertEquals(7, lines.size(), lines.toString());
    assertTrue(lines.get(5).startsWith("... and 995 more refusals in the last 1500 ms, not logged"), lines.get(5));
    assertEquals("Refused request req-1000: 400 SVC0002 from 192.0.2.7", lines.get(6));

    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    log.refused(refusal(1001));
    assertEquals(8, lines.size(), "no summary when nothing was left out: " + lines);
  }
}
