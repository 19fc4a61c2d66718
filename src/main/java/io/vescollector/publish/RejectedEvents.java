package io.vescollector.publish;

import io.vescollector.kafka.TopicPreparer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies refused requests and dropped HV-VES frames to the rejected-events topic
 * ({@code routing.rejectedTopic}), so that an operator can see what a source sent that the collector did
 * not take, when the client itself (ONAP's evel drops an event on 400; an HV-VES client is never told)
 * says nothing. Fire-and-forget: the client's answer never waits for it; a copy
 * that cannot be stored is counted, not retried beyond the producer's own delivery timeout. What waits
 * for Kafka is bounded ({@link InFlight}); past the bound a copy is dropped and counted, so a flood of bad
 * requests cannot fill memory. Records are built and sent on one thread of this class, which may block
 * (creating the topic, waiting for its metadata); the event loops only hand over.
 */
public final class RejectedEvents implements AutoCloseable {
  public static final String HEADER_MESSAGE_ID = "ves-message-id";
  public static final String HEADER_STATUS = "ves-status";
  public static final String HEADER_REASON = "ves-reason";
  public static final String HEADER_SOURCE_ADDRESS = "ves-source-address";
  public static final String HEADER_PRINCIPAL = "ves-principal";
  public static final String HEADER_REQUEST_ID = RecordFactory.HEADER_REQUEST_ID;
  /** When the request was refused, ISO-8601 UTC; the record's timestamp says the same in milliseconds. */
  public static final String HEADER_REJECTED_AT = "ves-rejected-at";
  /** "true" when the value is only the part of the body read before it was refused for its size. */
  public static final String HEADER_BODY_TRUNCATED = "ves-body-truncated";
  /** HV-VES only, in place of a status: why the frame was dropped, as {@code hvves_messages_dropped_cause_total} names it. */
  public static final String HEADER_DROP_CAUSE = "ves-drop-cause";
  /** HV-VES only: the frame's WTP version, "major.minor"; the value is its payload without the WTP header. */
  public static final String HEADER_WTP_VERSION = "ves-wtp-version";
  /** HV-VES only: the frame's WTP payload type (1 = a protobuf VesEvent). */
  public static final String HEADER_WTP_PAYLOAD_TYPE = "ves-wtp-payload-type";

  /** What became of one refused request's copy. */
  public enum Outcome {
    PUBLISHED, FAILED, DROPPED;

    /** The metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(RejectedEvents.class);
  /** After a failed topic preparation or metadata wait, how long copies are sent (and fail) without waiting again. */
  private static final long RETRY_PREPARE_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Producer<byte[], byte[]> producer;
  private final TopicPreparer topics;
  private final String topic;
  private final InFlight bound;
  private final Consumer<Outcome> outcomes;
  private final MetadataWait metadata;
  private final ExecutorService sender;
  /** Written and read on the sender thread only. */
  private long waitAgainAt;

  /**
   * @param producer the collector's, built with {@code max.block.ms=0}
   * @param bound copies waiting for Kafka at most, in records and bytes
   * @param outcomes told each copy's outcome, from any thread
   */
  public RejectedEvents(Producer<byte[], byte[]> producer, TopicPreparer topics, String topic, InFlight bound,
                        Consumer<Outcome> outcomes, Duration metadataWait) {
    this.producer = producer;
    this.topics = topics;
    this.topic = topic;
    this.bound = bound;
    this.outcomes = outcomes;
    this.metadata = new MetadataWait(producer, metadataWait, () -> true);
    this.waitAgainAt = System.nanoTime(); // nanoTime may be negative: 0 would not be "now"
    this.sender = topic.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ves-rejected-sender");
      t.setDaemon(true);
      return t;
    });
  }

  /** Copies waiting for Kafka at most, and their bytes: a few maximal bodies, well inside the producer's spare buffer. */
  public static final int MAX_WAITING = 64;
  public static final long MAX_WAITING_BYTES = 8L << 20;

  /**
   * Copies to {@code topic} with the default bounds, or {@link #off()} when it is empty; the topic is
   * created by {@code topics} as the event topics are.
   */
  public static RejectedEvents start(String topic, Producer<byte[], byte[]> producer, TopicPreparer topics,
                                     Consumer<Outcome> outcomes) {
    return topic.isEmpty() ? off() : new RejectedEvents(producer, topics, topic,
        new InFlight(MAX_WAITING, MAX_WAITING_BYTES), outcomes, Duration.ofSeconds(5));
  }

  /** Publishes nothing: {@code routing.rejectedTopic} is empty. */
  public static RejectedEvents off() {
    return new RejectedEvents(null, t -> { }, "", new InFlight(0, 0), o -> { }, Duration.ZERO);
  }

  public boolean enabled() {
    return sender != null;
  }

  public String topic() {
    return topic;
  }

  /** Hands a copy of the refused request over and returns at once; never blocks. */
  public void publish(Refusal refusal) {
    if (sender != null) {
      publish(copyOf(refusal));
    }
  }

  /** Hands the copy over and returns at once; never blocks. */
  public void publish(RejectedCopy copy) {
    if (sender == null) {
      return;
    }
    long bytes = copy.body().length + 1024L; // the headers, about
    if (!bound.tryAcquire(1, bytes)) {
      outcomes.accept(Outcome.DROPPED);
      return;
    }
    try {
      sender.execute(() -> send(copy, bytes));
    } catch (RejectedExecutionException closed) {
      bound.release(1, bytes);
      outcomes.accept(Outcome.DROPPED);
    }
  }

  private void send(RejectedCopy copy, long bytes) {
    if (System.nanoTime() - waitAgainAt >= 0) {
      if (!topics.isPrepared(topic)) {
        topics.prepare(topic);
      }
      if (!metadata.await(topic)) { // returns at once while the producer knows the topic
        waitAgainAt = System.nanoTime() + RETRY_PREPARE_NANOS;
      }
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, copy.at().toEpochMilli(),
        copy.requestId() == null ? null : copy.requestId().getBytes(StandardCharsets.UTF_8), copy.body(),
        copy.headers());
    try {
      producer.send(record, (metadata, error) -> {
        bound.release(1, bytes);
        if (error != null) {
          LOG.debug("Copying refused request {} to {} failed: {}", copy.requestId(), topic, error.toString());
        }
        outcomes.accept(error == null ? Outcome.PUBLISHED : Outcome.FAILED);
      });
    } catch (RuntimeException e) {
      bound.release(1, bytes);
      LOG.debug("Copying refused request {} to {} failed: {}", copy.requestId(), topic, e.toString());
      outcomes.accept(Outcome.FAILED);
    }
  }

  /** The refused request's copy: the status and messageId answered, the common headers, whether the body was cut. */
  static RejectedCopy copyOf(Refusal r) {
    return RejectedCopy.of(List.of(RejectedCopy.header(HEADER_STATUS, Integer.toString(r.status())),
            RejectedCopy.header(HEADER_MESSAGE_ID, r.messageId())), r.requestId(), r.reason(), r.sourceAddress(),
        r.principal(), r.body(), r.at(),
        r.truncated() ? List.of(RejectedCopy.header(HEADER_BODY_TRUNCATED, "true")) : List.of());
  }

  /** Stops taking copies and lets the thread hand what it holds to the producer, for at most a second. */
  @Override
  public void close() {
    if (sender == null) {
      return;
    }
    sender.shutdown();
    try {
      if (!sender.awaitTermination(1, TimeUnit.SECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
