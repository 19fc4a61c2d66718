package io.vescollector.publish;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Waits, on a sender thread, until the producer knows a topic's partitions: what {@code max.block.ms}
 * did before it was set to 0 so that {@code send} may run on an event loop.
 */
final class MetadataWait {
  /** How often the producer is asked again. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Producer<byte[], byte[]> producer;
  private final long waitNanos;
  private final BooleanSupplier stillWanted;

  /** @param stillWanted false ends a wait early (the sender is stopping) */
  MetadataWait(Producer<byte[], byte[]> producer, Duration wait, BooleanSupplier stillWanted) {
    this.producer = producer;
    this.waitNanos = wait.toNanos();
    this.stillWanted = stillWanted;
  }

  /**
   * True once the producer knows the topic's partitions; false when the wait has passed or ended, or
   * Kafka answered otherwise (an invalid or forbidden topic: the send reports it).
   */
  boolean await(String topic) {
    long deadline = System.nanoTime() + waitNanos;
    while (true) {
      try {
        producer.partitionsFor(topic); // with max.block.ms=0: fails at once, and asks for the metadata
        return true;
      } catch (TimeoutException e) {
        if (!stillWanted.getAsBoolean() || System.nanoTime() - deadline >= 0) {
          return false;
        }
        LockSupport.parkNanos(this, POLL_NANOS);
      } catch (RuntimeException e) {
        return false;
      }
    }
  }
}
