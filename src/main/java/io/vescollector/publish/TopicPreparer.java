package io.vescollector.publish;

/** Makes a topic ready before the first record goes to it. */
@FunctionalInterface
public interface TopicPreparer {
  /** May block: called on the publisher's sender thread only. */
  void prepare(String topic);

  /**
   * True once {@link #prepare} has made the topic ready; records for it may then be sent from an event
   * loop. Must not block. False (the default) sends every record through the sender thread.
   */
  default boolean isPrepared(String topic) {
    return false;
  }
}
