package io.vescollector.publish;

import org.apache.kafka.common.header.Header;
import java.util.List;

/**
 * One Kafka record ready to send: the event's topic, key ({@code sourceName}), JSON value and headers.
 * A null value is a tombstone (the streaming target's compacted connections topic uses them).
 */
public record OutgoingRecord(String topic, byte[] key, byte[] value, List<Header> headers) {

  /** Bytes this record holds in memory while in flight, for the in-flight bound. */
  public int size() {
    int size = (value == null ? 0 : value.length) + (key == null ? 0 : key.length) + topic.length();
    for (Header h : headers) {
      size += h.key().length() + (h.value() == null ? 0 : h.value().length);
    }
    return size;
  }
}
