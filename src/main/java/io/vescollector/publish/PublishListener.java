package io.vescollector.publish;

import io.vescollector.kafka.TopicPreparer;

/**
 * Told what Kafka made of each publish call, once the last of its records is answered (for metrics).
 * Once per call rather than per record, so that a batch costs the producer's network thread one
 * metrics update, not one per event.
 */
public interface PublishListener {
  PublishListener NONE = new PublishListener() {
    @Override
    public void stored(String topic, int records) {}

    @Override
    public void answered(long nanos, boolean ok) {}
  };

  /** Kafka acknowledged {@code records} records of {@code topic} (called per topic of the call). */
  void stored(String topic, int records);

  /** {@code events} events were refused, unsent, because their topic is unavailable ({@link TopicPreparer#unavailable}). */
  default void topicUnavailable(String topic, int events) {
  }

  /** Kafka answered for every record of the call {@code nanos} after the call queued them. */
  void answered(long nanos, boolean ok);
}
