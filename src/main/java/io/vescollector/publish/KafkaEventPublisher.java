package io.vescollector.publish;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes through one shared Kafka producer. A request of one event, for a topic already prepared, is
 * sent from the calling event loop: the producer is built with {@code max.block.ms=0} ({@link
 * io.vescollector.kafka.ProducerSettings}), so {@code send} never waits there; when the topic's metadata
 * is missing it fails at once, and the record goes to the sender thread instead. Everything else goes to
 * that thread, which may block: it creates a topic on its first use and waits up to {@code
 * metadataWaitMs} for its metadata. The hand-over's wake-ups had cost about a tenth of the collector's
 * CPU per single event; a batch pays it once for all its events, and its hundred sends (each compressing
 * under its partition's lock) are better kept off the event loops. Work is bounded by {@link InFlight};
 * past the bound a publish fails at once. So does a publish to a topic known to be unwritable ({@link
 * TopicPreparer#unavailable}: missing and not to be created, or refused), unsent: under ACLs, asking
 * Kafka again for every request would only load it and keep the client waiting.
 */
public final class KafkaEventPublisher implements EventPublisher {
  /** How long the sender thread waits for a topic's metadata unless told otherwise. */
  public static final long DEFAULT_METADATA_WAIT_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
  /** How often the sender thread looks again for metadata it is waiting for. */
  private static final long METADATA_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Vertx vertx;
  private final Producer<byte[], byte[]> producer;
  private final TopicPreparer topics;
  private final InFlight inFlight;
  private final long closeGraceMs;
  private final long metadataWaitNanos;
  private final Queue<Job> queue = new ConcurrentLinkedQueue<>();
  private final Thread sender;
  private final PublishListener listener;
  private volatile boolean running = true;
  /** True while the sender may be parked; publishers wake it only then. */
  private final AtomicBoolean senderIdle = new AtomicBoolean();

  public KafkaEventPublisher(Vertx vertx, Producer<byte[], byte[]> producer, TopicPreparer topics,
                             InFlight inFlight, long closeGraceMs) {
    this(vertx, producer, topics, inFlight, closeGraceMs, PublishListener.NONE, DEFAULT_METADATA_WAIT_MS);
  }

  /**
   * @param producer built with {@code max.block.ms=0}, or a send from an event loop may block it
   * @param metadataWaitMs how long the sender thread waits for a topic's metadata before the records fail
   */
  public KafkaEventPublisher(Vertx vertx, Producer<byte[], byte[]> producer, TopicPreparer topics,
                             InFlight inFlight, long closeGraceMs, PublishListener listener, long metadataWaitMs) {
    this.metadataWaitNanos = TimeUnit.MILLISECONDS.toNanos(metadataWaitMs);
    this.listener = listener;
    this.vertx = vertx;
    this.producer = producer;
    this.topics = topics;
    this.inFlight = inFlight;
    this.closeGraceMs = closeGraceMs;
    this.sender = new Thread(this::sendLoop, "ves-kafka-sender");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  @Override
  public Future<Void> publish(List<OutgoingRecord> records) {
    if (!running) {
      return Future.failedFuture(new PublishException(PublishException.Reason.UNAVAILABLE, "the collector is shutting down", null));
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
          return Future.failedFuture(topicUnavailable(topic, reason));
        }
      }
      previousTopic = topic;
    }
    if (!inFlight.tryAcquire(records.size(), bytes)) {
      return Future.failedFuture(new PublishException(PublishException.Reason.OVERLOADED,
          "work in flight towards Kafka is at its bound (" + inFlight.maxEvents() + " events, "
              + inFlight.maxBytes() + " bytes)", null));
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    Job job = new Job(records, bytes, context, promise);
    if (records.size() == 1 && topics.isPrepared(records.get(0).topic()) && send(job, records.get(0), 0, true)) {
      job.takeRecords(); // sent: the job lets it go
    } else {
      handOver(job);
    }
    return promise.future();
  }

  private void handOver(Job job) {
    queue.add(job);
    if (senderIdle.get() && senderIdle.compareAndSet(true, false)) {
      LockSupport.unpark(sender); // a busy sender finds the job on its own: no wake-up system call
    }
  }

  @Override
  public InFlight inFlight() {
    return inFlight;
  }

  private void sendLoop() {
    while (running || !queue.isEmpty()) {
      Job job = queue.poll();
      if (job == null) {
        senderIdle.set(true);
        if (queue.isEmpty()) { // re-checked after announcing: a job added meanwhile is not missed
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        }
        senderIdle.set(false);
        continue;
      }
      List<OutgoingRecord> records = job.takeRecords();
      for (int i = 0; i < records.size(); i++) {
        OutgoingRecord record = records.get(i);
        topics.prepare(record.topic());
        String unavailable = topics.unavailable(record.topic());
        if (unavailable != null) {
          listener.topicUnavailable(record.topic(), 1);
          job.acknowledged(i, topicUnavailable(record.topic(), unavailable));
          continue;
        }
        if (!send(job, record, i, true)) {
          awaitMetadata(record.topic());
          send(job, record, i, false);
        }
      }
    }
  }

  /**
   * Waits until the producer knows the topic's partitions, or {@code metadataWaitMs} has passed (the
   * send then fails as UNAVAILABLE): what {@code max.block.ms} did when it was not 0.
   */
  private void awaitMetadata(String topic) {
    long deadline = System.nanoTime() + metadataWaitNanos;
    while (true) {
      try {
        producer.partitionsFor(topic); // with max.block.ms=0: fails at once, and asks for the metadata
        return;
      } catch (TimeoutException e) {
        if (!running || System.nanoTime() - deadline >= 0) {
          return;
        }
        LockSupport.parkNanos(this, METADATA_POLL_NANOS);
      } catch (RuntimeException e) {
        return; // the send reports it
      }
    }
  }

  /**
   * Hands one record to the producer. With {@code mayDefer}, a record whose topic's metadata is missing
   * is not failed: false says it is still to be sent.
   */
  private boolean send(Job job, OutgoingRecord record, int index, boolean mayDefer) {
    Ack ack = new Ack(job, index, mayDefer);
    try {
      producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()), ack);
    } catch (RuntimeException e) {
      job.acknowledged(index, e);
    }
    ack.sending = false;
    return !ack.deferred;
  }

  /**
   * One record's acknowledgement. {@code send} reports a missing topic's metadata by calling back at
   * once, on the calling thread, with a {@link TimeoutException}; that is told apart from a later answer
   * by the thread and the {@code sending} flag.
   */
  private static final class Ack implements Callback {
    private final Job job;
    private final int index;
    private final Thread caller;
    private final boolean mayDefer;
    boolean sending = true;
    boolean deferred;

    Ack(Job job, int index, boolean mayDefer) {
      this.job = job;
      this.index = index;
      this.mayDefer = mayDefer;
      this.caller = mayDefer ? Thread.currentThread() : null;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
      if (mayDefer && sending && Thread.currentThread() == caller
          && error instanceof TimeoutException && !(error instanceof BufferExhaustedException)) {
        deferred = true;
        return;
      }
      job.acknowledged(index, error);
    }
  }

  /** Sends what is queued and waits for acknowledgements, all within the grace period; never longer. */
  @Override
  public void close() {
    close(java.time.Duration.ofMillis(closeGraceMs));
  }

  /**
   * Stops taking work, lets the sender hand over what is queued, and closes the producer, which sends
   * what it holds and waits for the acknowledgements; all within {@code grace}. What is still queued
   * after that fails (its request gets 503), and the producer fails what it could not send.
   */
  public void close(java.time.Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    running = false;
    LockSupport.unpark(sender);
    try {
      sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      sender.interrupt();
    }
    PublishException unsent = new PublishException(PublishException.Reason.UNAVAILABLE,
        "the collector shut down before these events were sent", null);
    for (Job job = queue.poll(); job != null; job = queue.poll()) {
      for (int i = 0; i < job.count; i++) {
        job.acknowledged(i, unsent);
      }
    }
    producer.close(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private static PublishException topicUnavailable(String topic, String reason) {
    return new PublishException(PublishException.Reason.UNAVAILABLE, "topic " + topic + " is unavailable: " + reason,
        null);
  }

  /** What the answer stage makes of a record's failure; a refused topic is remembered as unavailable. */
  private PublishException classify(String topic, Exception error) {
    if (error instanceof PublishException known) {
      return known;
    }
    if (error instanceof TopicAuthorizationException) {
      String reason = "Kafka does not authorise the collector to write to it";
      topics.refused(topic, reason);
      return topicUnavailable(topic, reason);
    }
    if (error instanceof AuthenticationException || error instanceof AuthorizationException) {
      return new PublishException(PublishException.Reason.UNAVAILABLE, "Kafka refused the collector: "
          + error.getMessage(), error);
    }
    if (error instanceof RecordTooLargeException) {
      return new PublishException(PublishException.Reason.TOO_LARGE, error.getMessage(), error);
    }
    if (error instanceof RetriableException || error instanceof TimeoutException) {
      return new PublishException(PublishException.Reason.UNAVAILABLE, "Kafka is unavailable: " + error.getMessage(), error);
    }
    return new PublishException(PublishException.Reason.REFUSED, "Kafka refused the record: " + error, error);
  }

  /**
   * The records of one publish call and the promise that completes when all are acknowledged. Their
   * room in {@link InFlight} is given back once, with the last acknowledgement: per record, a batch's
   * hundred releases contended with the event loops' acquisitions for nothing. The records themselves
   * are let go once handed to the producer (it has copied them into its batches), so a request waiting
   * for Kafka holds only its topics.
   */
  private final class Job {
    private List<OutgoingRecord> records;
    private final String[] recordTopics;
    private final int count;
    private final long bytes;
    private final Context context;
    private final Promise<Void> promise;
    private final AtomicInteger pending;
    private final AtomicReference<PublishException> failure = new AtomicReference<>();
    /** Indexes of the records Kafka failed; written only on failure. */
    private final Queue<Integer> failed = new ConcurrentLinkedQueue<>();
    private final long queuedAt = System.nanoTime();

    Job(List<OutgoingRecord> records, long bytes, Context context, Promise<Void> promise) {
      this.records = records;
      this.count = records.size();
      this.recordTopics = new String[count];
      for (int i = 0; i < count; i++) {
        recordTopics[i] = records.get(i).topic();
      }
      this.bytes = bytes;
      this.context = context;
      this.promise = promise;
      this.pending = new AtomicInteger(count);
    }

    /** The records to send, once; the job keeps no reference to them. */
    List<OutgoingRecord> takeRecords() {
      List<OutgoingRecord> taken = records;
      records = null;
      return taken;
    }

    void acknowledged(int index, Exception error) {
      if (error != null) {
        failed.add(index);
        if (failure.compareAndSet(null, classify(recordTopics[index], error))) {
          LOG.debug("Publishing to {} failed: {}", recordTopics[index], error.toString());
        }
      }
      if (pending.decrementAndGet() == 0) {
        inFlight.release(count, bytes);
        PublishException failed = failure.get();
        report(failed == null);
        context.runOnContext(v -> {
          if (failed == null) {
            promise.complete();
          } else {
            promise.fail(failed);
          }
        });
      }
    }

    /** Tells the listener what was stored, per run of records of one topic, and how long it took. */
    private void report(boolean ok) {
      Set<Integer> lost = ok ? Set.of() : new HashSet<>(failed);
      int run = 0;
      for (int i = 0; i < count; i++) {
        run += lost.contains(i) ? 0 : 1;
        if (i == count - 1 || !recordTopics[i].equals(recordTopics[i + 1])) {
          if (run > 0) {
            listener.stored(recordTopics[i], run);
          }
          run = 0;
        }
      }
      listener.answered(System.nanoTime() - queuedAt, ok);
    }
  }
}
