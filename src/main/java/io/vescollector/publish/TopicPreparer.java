package io.vescollector.publish;

/** Makes a topic ready before the first record goes to it; may block, called on the sender thread only. */
@FunctionalInterface
public interface TopicPreparer {
  void prepare(String topic);
}
