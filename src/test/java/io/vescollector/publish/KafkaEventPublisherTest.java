package io.vescollector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure injection with Kafka's MockProducer: the publish future completes only on acknowledgement,
 * carries the right reason on failure, and work beyond the in-flight bound is refused at once.
 */
class KafkaEventPublisherTest {
  private Vertx vertx;
  private MockProducer<byte[], byte[]> producer;
  private KafkaEventPublisher publisher;
  private InFlight inFlight;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    inFlight = new InFlight(3, 1_000_000);
    publisher = new KafkaEventPublisher(vertx, producer, topic -> { }, inFlight, 1000);
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    vertx.close().await();
  }

  @Test
  void completesOnlyAfterEveryRecordIsAcknowledged() throws Exception {
    Future<Void> result = publisher.publish(List.of(record("a"), record("b")));
    awaitSent(2);
    assertFalse(result.isComplete());

    producer.completeNext();
    Thread.sleep(50);
    assertFalse(result.isComplete(), "one of two acknowledged is not stored");
    producer.completeNext();

    result.await(5, TimeUnit.SECONDS);
    assertTrue(result.succeeded());
    assertEquals(0, inFlight.events());
  }

  @Test
  void aBrokerTimeoutIsUnavailable() throws Exception {
    Future<Void> result = publisher.publish(List.of(record("a")));
    awaitSent(1);
    producer.errorNext(new TimeoutException("Expiring 1 record(s)"));

    assertEquals(PublishException.Reason.UNAVAILABLE, reasonOf(result));
  }

  @Test
  void anOversizedRecordIsTooLarge() throws Exception {
    Future<Void> result = publisher.publish(List.of(record("a")));
    awaitSent(1);
    producer.errorNext(new RecordTooLargeException("too big"));

    assertEquals(PublishException.Reason.TOO_LARGE, reasonOf(result));
  }

  @Test
  void oneFailedRecordFailsTheWholeRequest() throws Exception {
    Future<Void> result = publisher.publish(List.of(record("a"), record("b")));
    awaitSent(2);
    producer.completeNext();
    producer.errorNext(new TimeoutException("gone"));

    assertEquals(PublishException.Reason.UNAVAILABLE, reasonOf(result));
  }

  @Test
  void workBeyondTheInFlightBoundIsRefusedAtOnceAndNothingIsSent() throws Exception {
    Future<Void> first = publisher.publish(List.of(record("a"), record("b"), record("c")));
    awaitSent(3);

    Future<Void> second = publisher.publish(List.of(record("d")));

    assertTrue(second.failed());
    assertEquals(PublishException.Reason.OVERLOADED, ((PublishException) second.cause()).reason());
    assertEquals(3, producer.history().size());
    while (producer.completeNext()) {
      // acknowledge the first request
    }
    first.await(5, TimeUnit.SECONDS);
    assertFalse(publisher.publish(List.of(record("e"))).failed());
  }

  private PublishException.Reason reasonOf(Future<Void> result) throws Exception {
    try {
      result.await(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // inspected below
    }
    assertTrue(result.failed(), "expected a failure");
    return ((PublishException) result.cause()).reason();
  }

  private void awaitSent(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (producer.history().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(count, producer.history().size());
  }

  private static OutgoingRecord record(String key) {
    return new OutgoingRecord("t", key.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8), List.of());
  }
}
