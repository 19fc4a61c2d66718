package io.vescollector.publish;

import io.vescollector.kafka.ProducerSettings;
import io.vescollector.kafka.TopicPreparer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes through one shared Kafka producer. A request of one event, for a topic already prepared, is
 * sent from the calling event loop: the producer is built with {@code max.block.ms=0} ({@link
 * ProducerSettings}), so {@code send} never waits there; when the topic's metadata is missing it fails at
 * once, and the record goes to the {@link SenderThread} instead. Everything else goes to that thread,
 * which may block. Single events skip the hand-over because waking another thread per event costs more
 * than sending; a batch pays the hand-over once for all its events. Work is bounded by {@link InFlight}; past the bound a
 * publish fails at once. So does a publish to a topic known to be unwritable ({@link
 * TopicPreparer#unavailable}: missing and not to be created, or refused), unsent: under ACLs, asking
 * Kafka again for every request would only load it and keep the client waiting.
 */
public final class KafkaEventPublisher implements EventPublisher {
  private final Vertx vertx;
  private final Producer<byte[], byte[]> producer;
  private final TopicPreparer topics;
  private final InFlight inFlight;
  private final PublishListener listener;
  private final long closeGraceMs;
  private final Acknowledgements acknowledgements;
  private final RecordSender sends;
  private final SenderThread sender;

  public KafkaEventPublisher(Vertx vertx, Producer<byte[], byte[]> producer, TopicPreparer topics,
                             InFlight inFlight, long closeGraceMs) {
    this(vertx, producer, topics, inFlight, closeGraceMs, PublishListener.NONE,
        ProducerSettings.DEFAULT_METADATA_WAIT_MS);
  }

  /**
   * @param producer built with {@code max.block.ms=0}, or a send from an event loop may block it
   * @param metadataWaitMs how long the sender thread waits for a topic's metadata before the records fail
   */
  public KafkaEventPublisher(Vertx vertx, Producer<byte[], byte[]> producer, TopicPreparer topics,
                             InFlight inFlight, long closeGraceMs, PublishListener listener, long metadataWaitMs) {
    this.vertx = vertx;
    this.producer = producer;
    this.topics = topics;
    this.inFlight = inFlight;
    this.listener = listener;
    this.closeGraceMs = closeGraceMs;
    this.acknowledgements = new Acknowledgements(topics, inFlight, listener);
    this.sends = new RecordSender(producer);
    this.sender = new SenderThread(topics, sends, listener, producer, Duration.ofMillis(metadataWaitMs));
  }

  @Override
  public Future<Void> publish(List<OutgoingRecord> records) {
    long bytes;
    try {
      bytes = admit(records);
    } catch (PublishException refused) {
      return Future.failedFuture(refused);
    }
    Promise<Void> promise = Promise.promise();
    PublishJob job = new PublishJob(records, bytes, vertx.getOrCreateContext(), promise, acknowledgements);
    OutgoingRecord single = records.size() == 1 ? records.get(0) : null;
    if (single != null && topics.isPrepared(single.topic()) && sends.send(job, 0, single, true)) {
      job.takeRecords(); // sent from this event loop: the job lets it go
    } else {
      sender.handOver(job);
    }
    return promise.future();
  }

  /**
   * Takes room in {@link InFlight} for the records and returns their bytes; or throws, having taken
   * nothing, when the publisher is closing, a topic is known to be unwritable, or there is no room.
   */
  private long admit(List<OutgoingRecord> records) {
    if (!sender.running()) {
      throw PublishException.shuttingDown();
    }
    long bytes = 0;
    String previousTopic = null;
    for (OutgoingRecord r : records) {
      bytes += r.size();
      String topic = r.topic();
      if (!topic.equals(previousTopic) && !topics.isPrepared(topic)) {
        String reason = topics.unavailable(topic);
        if (reason != null) {
          listener.topicUnavailable(topic, records.size());
          throw PublishException.topicUnavailable(topic, reason);
        }
      }
      previousTopic = topic;
    }
    if (!inFlight.tryAcquire(records.size(), bytes)) {
      throw PublishException.overloaded(inFlight);
    }
    return bytes;
  }

  @Override
  public InFlight inFlight() {
    return inFlight;
  }

  /** Sends what is queued and waits for acknowledgements, all within the grace period; never longer. */
  @Override
  public void close() {
    close(Duration.ofMillis(closeGraceMs));
  }

  /**
   * Stops taking work, lets the sender hand over what is queued, and closes the producer, which sends
   * what it holds and waits for the acknowledgements; all within {@code grace}. What is still queued
   * after that fails (its request gets 503), and the producer fails what it could not send.
   */
  public void close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    sender.stop(deadline);
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }
}
