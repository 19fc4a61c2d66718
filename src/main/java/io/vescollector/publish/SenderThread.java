package io.vescollector.publish;

import io.vescollector.kafka.TopicPreparer;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;

/**
 * The one thread that sends what an event loop must not: records of a topic to create or whose
 * metadata is missing, and batches (whose hundred sends, each compressing under its partition's lock,
 * are better kept off the event loops). It may block: it prepares each record's topic, fails the records
 * of a topic that cannot be written, and waits for metadata the producer lacks. Handing a job over
 * wakes it only when it may be parked, so a busy sender costs the event loops no system call.
 */
final class SenderThread {
  /** How long the idle thread sleeps unless a job wakes it. */
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final TopicPreparer topics;
  private final RecordSender sends;
  private final PublishListener listener;
  private final MetadataWait metadata;
  private final Queue<PublishJob> queue = new ConcurrentLinkedQueue<>();
  /** True while the thread may be parked; publishers wake it only then. */
  private final AtomicBoolean idle = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts the thread.
   * @param metadataWait how long a record waits for its topic's metadata before it fails
   */
  SenderThread(TopicPreparer topics, RecordSender sends, PublishListener listener,
               Producer<byte[], byte[]> producer, Duration metadataWait) {
    this.topics = topics;
    this.sends = sends;
    this.listener = listener;
    this.metadata = new MetadataWait(producer, metadataWait, () -> running);
    this.thread = new Thread(this::loop, "ves-kafka-sender");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** False once {@link #stop} has been called: new work is refused. */
  boolean running() {
    return running;
  }

  void handOver(PublishJob job) {
    queue.add(job);
    if (idle.get() && idle.compareAndSet(true, false)) {
      LockSupport.unpark(thread); // a busy sender finds the job on its own: no wake-up system call
    }
  }

  private void loop() {
    while (running || !queue.isEmpty()) {
      PublishJob job = queue.poll();
      if (job == null) {
        idle.set(true);
        if (queue.isEmpty()) { // re-checked after announcing: a job added meanwhile is not missed
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        idle.set(false);
        continue;
      }
      sendAll(job);
    }
  }

  /** Prepares each record's topic (it may be created here), then sends it, waiting for its metadata if need be. */
  private void sendAll(PublishJob job) {
    List<OutgoingRecord> records = job.takeRecords();
    for (int i = 0; i < records.size(); i++) {
      OutgoingRecord record = records.get(i);
      topics.prepare(record.topic());
      String unavailable = topics.unavailable(record.topic());
      if (unavailable != null) {
        listener.topicUnavailable(record.topic(), 1);
        job.acknowledged(i, PublishException.topicUnavailable(record.topic(), unavailable));
        continue;
      }
      if (!sends.send(job, i, record, true)) {
        metadata.await(record.topic());
        sends.send(job, i, record, false);
      }
    }
  }

  /**
   * Stops taking work and lets the thread send what is queued until {@code deadline} ({@link
   * System#nanoTime}); what is still queued then fails, unsent.
   */
  void stop(long deadline) {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
    PublishException unsent = PublishException.shutDownBeforeSent();
    for (PublishJob job = queue.poll(); job != null; job = queue.poll()) {
      job.failAll(unsent);
    }
  }
}
