package io.vescollector.kafka;

/** Makes a topic ready before the first record goes to it. */
@FunctionalInterface
public interface TopicPreparer {
  /** May block: called on the publishers' sender threads only. */
  void prepare(String topic);

  /**
   * True once {@link #prepare} has made the topic ready; records for it may then be sent from an event
   * loop. Must not block. False (the default) sends every record through the sender thread.
   */
  default boolean isPrepared(String topic) {
    return false;
  }

  /**
   * Why records for the topic cannot be written (it does not exist and may not be created, or Kafka
   * refuses this client), or null when nothing says so. Must not block: publishers fail such records
   * at once instead of sending them.
   */
  default String unavailable(String topic) {
    return null;
  }

  /** Kafka refused a record for the topic for a reason that retrying will not fix, e.g. no Write right. */
  default void refused(String topic, String reason) {
  }
}
