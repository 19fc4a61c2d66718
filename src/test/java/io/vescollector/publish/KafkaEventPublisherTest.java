package io.vescollector.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vescollector.kafka.ProducerSettings;
import io.vescollector.kafka.TopicProvisioner;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publisher's failure handling, with Kafka's MockProducer injecting failures (topic creation goes
 * to the real test broker): bounded work in flight, an event loop that never waits on {@code send}
 * (what may wait runs on the sender thread), and failures classified so the endpoint answers 503 or
 * 413 or 500 correctly.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaEventPublisherTest {
  private Vertx vertx;
  private Admin admin;
  private TopicProvisioner topics;
  private String topic;

  @BeforeEach
  void setUp(TestKafka kafka) {
    vertx = Vertx.vertx();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    topics = new TopicProvisioner(admin, 1, (short) -1, 5_000);
    topic = kafka.uniqueTopic("publisher");
  }

  @AfterEach
  void tearDown() {
    admin.close(Duration.ofSeconds(2));
    vertx.close().await();
  }

  @Test
  void beyondTheInFlightBoundAPublishFailsAtOnceAsOverloadedAndRoomReturnsOnAck() throws Exception {
    MockProducer<byte[], byte[]> producer = mockProducer(false);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(2, 1 << 20), 1_000);
    Future<Void> first = publisher.publish(List.of(record(), record()));
    Future<Void> second = publisher.publish(List.of(record()));
    assertTrue(second.failed(), "no room: refused at once, without waiting");
    assertEquals(PublishException.Reason.OVERLOADED, ((PublishException) second.cause()).reason());
    assertEquals(2, publisher.inFlight().events());
    awaitSent(producer, 2);
    producer.completeNext();
    producer.completeNext();
    first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(0, publisher.inFlight().events());
    assertEquals(0, publisher.inFlight().bytes());
    assertFalse(publisher.publish(List.of(record())).failed());
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void aRequestCompletesOnlyAfterEveryOneOfItsRecordsIsAcknowledged() throws Exception {
    MockProducer<byte[], byte[]> producer = mockProducer(false);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(10, 1 << 20), 1_000);
    Future<Void> result = publisher.publish(List.of(record(), record()));
    awaitSent(producer, 2);

    producer.completeNext();
    await("one of two acknowledged is not stored").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
        .until(() -> !result.isComplete());
    producer.completeNext();

    result.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(result.succeeded());
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void oneEventForAPreparedTopicIsSentFromTheCallingThreadAndEverythingElseFromTheSenderThread() throws Exception {
    ThreadRecordingProducer producer = new ThreadRecordingProducer(0);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    publisher.publish(List.of(record())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of("ves-kafka-sender"), producer.senders, "a new topic is prepared on the sender thread");

    publisher.publish(List.of(record())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String caller = Thread.currentThread().getName();
    assertEquals(List.of("ves-kafka-sender", caller), producer.senders, "once prepared, no hand-over");

    publisher.publish(List.of(record(), record())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of("ves-kafka-sender", caller, "ves-kafka-sender", "ves-kafka-sender"), producer.senders,
        "a batch is handed over");
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void aRecordWhoseMetadataIsMissingOnTheCallingThreadIsSentByTheSenderThreadInstead() throws Exception {
    topics.prepare(topic);
    ThreadRecordingProducer producer = new ThreadRecordingProducer(1);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    publisher.publish(List.of(record())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(Thread.currentThread().getName(), "ves-kafka-sender"), producer.senders,
        "no metadata on the calling thread; the sender thread sent it");
    assertEquals(1, producer.history().size());
    assertEquals(0, publisher.inFlight().events());
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void aFullProducerBufferFailsAtOnceInsteadOfBeingHandedOver() throws Exception {
    topics.prepare(topic);
    MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback callback) {
        callback.onCompletion(null, new BufferExhaustedException("no room in the buffer"));
        return CompletableFuture.failedFuture(new BufferExhaustedException("no room"));
      }
    };
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    Throwable cause = awaitFailure(publisher.publish(List.of(record())));
    assertEquals(PublishException.Reason.UNAVAILABLE, ((PublishException) cause).reason());
    assertEquals(0, publisher.inFlight().events());
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void aProducerThatNeverBlocksStillReachesATopicItHasNoMetadataFor(TestKafka kafka) throws Exception {
    topics.prepare(topic); // prepared, so the first send is tried on the calling thread and finds no metadata
    Map<String, Object> settings = ProducerSettings.forCollector(kafka.bootstrapServers(), "publisher-test",
        1 << 20, 1 << 20, Map.of());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
      KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
      Future<Void> published = vertx.getOrCreateContext().<Future<Void>>executeBlocking(
          () -> publisher.publish(List.of(record()))).await();
      published.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertEquals(1, kafka.consume(topic, 1, Duration.ofSeconds(20)).size());
      publisher.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void aSendThatBlocksNeverBlocksTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback callback) {
        entered.countDown();
        try {
          release.await(); // as preparing a new topic and waiting for its metadata do
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.send(r, callback);
      }
    };
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    Future<Void> published = publisher.publish(List.of(record()));
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the sender thread reached send");
    assertFalse(published.isComplete(), "publish returned while send is still blocked");
    release.countDown();
    published.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void failuresAreClassified() throws Exception {
    assertEquals(PublishException.Reason.UNAVAILABLE, failureOf(new TimeoutException("expired")));
    assertEquals(PublishException.Reason.TOO_LARGE, failureOf(new RecordTooLargeException("big")));
    assertEquals(PublishException.Reason.REFUSED, failureOf(new InvalidTopicException("bad name")));
    assertEquals(PublishException.Reason.UNAVAILABLE, failureOf(new SaslAuthenticationException("wrong password")));
  }

  @Test
  void aTopicKafkaWillNotLetUsWriteIsRememberedAndItsNextEventsFailWithoutASend() throws Exception {
    MockProducer<byte[], byte[]> producer = mockProducer(false);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    Future<Void> first = publisher.publish(List.of(record()));
    awaitSent(producer, 1);
    producer.errorNext(new TopicAuthorizationException("no Write"));
    PublishException refused = (PublishException) awaitFailure(first);

    assertEquals(PublishException.Reason.UNAVAILABLE, refused.reason(), "503 SVC1000: the operator must grant Write");
    assertTrue(refused.getMessage().contains("topic " + topic + " is unavailable"), refused.getMessage());
    assertTrue(topics.unavailableTopics().containsKey(topic), "readiness lists it");
    PublishException again = (PublishException) awaitFailure(publisher.publish(List.of(record())));
    assertEquals(refused.getMessage(), again.getMessage());
    assertEquals(1, producer.history().size(), "the second event was not sent");
    assertEquals(0, publisher.inFlight().events());
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void oneFailedRecordFailsTheWholeRequestAndReleasesAllOfIt() throws Exception {
    MockProducer<byte[], byte[]> producer = mockProducer(false);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    Future<Void> published = publisher.publish(List.of(record(), record(), record()));
    awaitSent(producer, 3);
    producer.completeNext();
    producer.errorNext(new TimeoutException("broker gone"));
    producer.completeNext();
    Throwable cause = awaitFailure(published);
    assertEquals(PublishException.Reason.UNAVAILABLE, ((PublishException) cause).reason());
    assertEquals(0, publisher.inFlight().events());
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void theListenerHearsOncePerCallWhatWasStoredPerTopic(TestKafka kafka) throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    PublishListener listener = new PublishListener() {
      @Override
      public void stored(String storedTopic, int records) {
        heard.add(storedTopic + "=" + records);
      }

      @Override
      public void answered(long nanos, boolean ok) {
        heard.add(ok ? "ok" : "failed");
      }
    };
    String other = kafka.uniqueTopic("publisher-other");
    MockProducer<byte[], byte[]> producer = mockProducer(false);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000,
        listener, ProducerSettings.DEFAULT_METADATA_WAIT_MS);
    Future<Void> published = publisher.publish(List.of(record(), record(), record(), record(other)));
    awaitSent(producer, 4);
    producer.completeNext();
    producer.errorNext(new TimeoutException("broker gone"));
    producer.completeNext();
    assertEquals(List.of(), heard, "nothing before the last answer");
    producer.completeNext();
    awaitFailure(published);

    assertEquals(List.of(topic + "=2", other + "=1", "failed"), heard);
    publisher.close(Duration.ofMillis(200));
  }

  @Test
  void afterCloseNothingIsTaken() {
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, mockProducer(true), topics, new InFlight(100, 1 << 20), 1_000);
    publisher.close(Duration.ofMillis(500));
    Future<Void> late = publisher.publish(List.of(record()));
    assertTrue(late.failed());
    assertEquals(PublishException.Reason.UNAVAILABLE, ((PublishException) late.cause()).reason());
  }

  private PublishException.Reason failureOf(RuntimeException error) throws Exception {
    MockProducer<byte[], byte[]> producer = mockProducer(false);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, new InFlight(100, 1 << 20), 1_000);
    Future<Void> published = publisher.publish(List.of(record()));
    awaitSent(producer, 1);
    producer.errorNext(error);
    Throwable cause = awaitFailure(published);
    publisher.close(Duration.ofMillis(200));
    assertInstanceOf(PublishException.class, cause);
    return ((PublishException) cause).reason();
  }

  private static Throwable awaitFailure(Future<Void> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the publish to fail");
  }

  private static void awaitSent(MockProducer<?, ?> producer, int n) {
    await("records handed to the producer").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> producer.history().size() >= n);
    assertEquals(n, producer.history().size(), "records handed to the producer");
  }

  private static MockProducer<byte[], byte[]> mockProducer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Notes the thread of each send; the first {@code missing} sends fail as KafkaProducer does without metadata. */
  private static final class ThreadRecordingProducer extends MockProducer<byte[], byte[]> {
    final List<String> senders = Collections.synchronizedList(new ArrayList<>());
    private int missing;

    ThreadRecordingProducer(int missing) {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
      this.missing = missing;
    }

    @Override
    public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback callback) {
      senders.add(Thread.currentThread().getName());
      if (missing > 0) {
        missing--;
        TimeoutException noMetadata = new TimeoutException("Topic " + r.topic() + " not present in metadata after 0 ms.");
        callback.onCompletion(null, noMetadata);
        return CompletableFuture.failedFuture(noMetadata);
      }
      return super.send(r, callback);
    }
  }

  private OutgoingRecord record() {
    return record(topic);
  }

  private static OutgoingRecord record(String topic) {
    return new OutgoingRecord(topic, "src".getBytes(StandardCharsets.UTF_8),
        "{\"event\":{}}".getBytes(StandardCharsets.UTF_8), List.of());
  }
}
