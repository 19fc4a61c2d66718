package io.vescollector.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Copies waiting for Kafka are bounded: past the bound they are dropped and counted, and room comes back on answers. */
class RejectedEventsTest {
  private final Map<RejectedEvents.Outcome, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());

  private int count(RejectedEvents.Outcome outcome) {
    return counts.computeIfAbsent(outcome, o -> new AtomicInteger()).get();
  }

  private static Refusal refusal(int i) {
    return new Refusal("req-" + i, 400, "SVC0002", "bad", "192.0.2.7", "pnf-1",
        "{".getBytes(StandardCharsets.UTF_8), false, Instant.now());
  }

  @Test
  void pastTheBoundCopiesAreDroppedAndAnsweredOnesFreeRoom() {
    try (RejectedEvents rejected = new RejectedEvents(producer, t -> { }, "rejected", new InFlight(3, 1 << 20),
        o -> counts.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet(), Duration.ZERO)) {
      for (int i = 0; i < 10; i++) {
        rejected.publish(refusal(i));
      }
      assertEquals(7, count(RejectedEvents.Outcome.DROPPED));
      await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);

      producer.completeNext();
      producer.errorNext(new RuntimeException("refused"));
      producer.completeNext();
      assertEquals(2, count(RejectedEvents.Outcome.PUBLISHED));
      assertEquals(1, count(RejectedEvents.Outcome.FAILED));

      rejected.publish(refusal(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 4);
      var record = producer.history().get(3);
      assertEquals("req-10", new String(record.key(), StandardCharsets.UTF_8));
      assertEquals("pnf-1", new String(record.headers().lastHeader(RejectedEvents.HEADER_PRINCIPAL).value(),
          StandardCharsets.UTF_8));
      assertEquals(List.of("ves-status", "ves-message-id", "ves-reason", "ves-source-address", "ves-principal",
          "ves-request-id", "ves-rejected-at"), Arrays.stream(record.headers().toArray()).map(h -> h.key()).toList());
    }
  }

  @Test
  void offPublishesNothing() {
    RejectedEvents off = RejectedEvents.off();
    off.publish(refusal(1));
    assertEquals(false, off.enabled());
    off.close();
  }
}
