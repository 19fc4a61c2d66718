package io.vescollector.publish;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one publish call and the promise that completes when all are acknowledged. Their
 * room in {@link InFlight} is given back once, with the last acknowledgement: per record, a batch's
 * hundred releases contended with the event loops' acquisitions for nothing. The records themselves
 * are let go once handed to the producer (it has copied them into its batches), so a request waiting
 * for Kafka holds only its topics.
 */
final class PublishJob {
  /** The publisher's: its failures are the publisher's to report. */
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

  private List<OutgoingRecord> records;
  private final String[] recordTopics;
  private final int count;
  private final long bytes;
  private final Context context;
  private final Promise<Void> promise;
  private final Acknowledgements acknowledgements;
  private final AtomicInteger pending;
  private final AtomicReference<PublishException> failure = new AtomicReference<>();
  /** Indexes of the records Kafka failed; written only on failure. */
  private final Queue<Integer> failed = new ConcurrentLinkedQueue<>();
  private final long queuedAt = System.nanoTime();

  /** @param context where the promise completes: the publishing request's event loop */
  PublishJob(List<OutgoingRecord> records, long bytes, Context context, Promise<Void> promise,
             Acknowledgements acknowledgements) {
    this.records = records;
    this.count = records.size();
    this.recordTopics = new String[count];
    for (int i = 0; i < count; i++) {
      recordTopics[i] = records.get(i).topic();
    }
    this.bytes = bytes;
    this.context = context;
    this.promise = promise;
    this.acknowledgements = acknowledgements;
    this.pending = new AtomicInteger(count);
  }

  /** The records to send, once; the job keeps no reference to them. */
  List<OutgoingRecord> takeRecords() {
    List<OutgoingRecord> taken = records;
    records = null;
    return taken;
  }

  /** The {@code index}th record is answered: stored when {@code error} is null. */
  void acknowledged(int index, Exception error) {
    if (error != null) {
      failed.add(index);
      if (failure.compareAndSet(null, acknowledgements.classify(recordTopics[index], error))) {
        LOG.debug("Publishing to {} failed: {}", recordTopics[index], error.toString());
      }
    }
    if (pending.decrementAndGet() == 0) {
      acknowledgements.release(count, bytes);
      PublishException outcome = failure.get();
      report(outcome == null);
      context.runOnContext(v -> {
        if (outcome == null) {
          promise.complete();
        } else {
          promise.fail(outcome);
        }
      });
    }
  }

  /** Fails every record: none was, or will be, sent. */
  void failAll(PublishException error) {
    for (int i = 0; i < count; i++) {
      acknowledged(i, error);
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
          acknowledgements.stored(recordTopics[i], run);
        }
        run = 0;
      }
    }
    acknowledgements.answered(System.nanoTime() - queuedAt, ok);
  }
}
