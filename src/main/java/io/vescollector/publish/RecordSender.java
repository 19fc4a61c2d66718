package io.vescollector.publish;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Hands one record of a publish call to the producer, from an event loop or the sender thread. The
 * producer has {@code max.block.ms=0}, so a record whose topic's metadata is missing fails at once
 * instead of waiting; the caller may ask for that record back (deferred) to send it again where waiting
 * is allowed.
 */
final class RecordSender {
  private final Producer<byte[], byte[]> producer;

  RecordSender(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /**
   * Sends the {@code index}th record of {@code job}. With {@code mayDefer}, a record whose topic's
   * metadata is missing is not failed: false says it is still to be sent.
   */
  boolean send(PublishJob job, int index, OutgoingRecord record, boolean mayDefer) {
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
    private final PublishJob job;
    private final int index;
    private final Thread caller;
    private final boolean mayDefer;
    boolean sending = true;
    boolean deferred;

    Ack(PublishJob job, int index, boolean mayDefer) {
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
}
