package io.vescollector.publish;

/** Told of every record Kafka acknowledged or failed, with the time from send to answer (for metrics). */
@FunctionalInterface
public interface PublishListener {
  PublishListener NONE = (topic, nanos, ok) -> { };

  void completed(String topic, long nanos, boolean ok);
}
