package io.vescollector.publish;

import io.vescollector.kafka.TopicPreparer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * What the publisher makes of Kafka's answers to a publish call, shared by every call: a failure
 * becomes the {@link PublishException} the answer stage reads (a topic Kafka refuses is remembered as
 * unavailable), the call's room in {@link InFlight} is given back, and the listener is told.
 */
final class Acknowledgements {
  private final TopicPreparer topics;
  private final InFlight inFlight;
  private final PublishListener listener;

  Acknowledgements(TopicPreparer topics, InFlight inFlight, PublishListener listener) {
    this.topics = topics;
    this.inFlight = inFlight;
    this.listener = listener;
  }

  /** What the answer stage makes of a record's failure; a refused topic is remembered as unavailable. */
  PublishException classify(String topic, Exception error) {
    if (error instanceof PublishException known) {
      return known;
    }
    if (error instanceof TopicAuthorizationException) {
      String reason = "Kafka does not authorise the collector to write to it";
      topics.refused(topic, reason);
      return PublishException.topicUnavailable(topic, reason);
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

  /** Every record of a call has been answered: its room is free again. */
  void release(int events, long bytes) {
    inFlight.release(events, bytes);
  }

  /** Kafka acknowledged {@code records} records of {@code topic}. */
  void stored(String topic, int records) {
    listener.stored(topic, records);
  }

  /** Kafka answered for every record of a call {@code nanos} after the call queued them. */
  void answered(long nanos, boolean ok) {
    listener.answered(nanos, ok);
  }
}
