package io.vescollector.publish;

import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * One Kafka record ready to send: the event's topic, key ({@code sourceName}), JSON value and headers.
 * A null value is a tombstone (the streaming target's compacted connections topic uses them).
 *
 * @param domain the VES event's {@code commonEventHeader.domain}, kept for the endpoint's metrics, or
 *     null for a record that carries no VES event or an event without one
 */
public record OutgoingRecord(String topic, byte[] key, byte[] value, List<Header> headers, String domain) {

  /** A record that carries no VES event's domain. */
  public OutgoingRecord(String topic, byte[] key, byte[] value, List<Header> headers) {
    this(topic, key, value, headers, null);
  }

  /** Bytes this record holds in memory while in flight, for the in-flight bound. */
  public int size() {
    int size = (value == null ? 0 : value.length) + (key == null ? 0 : key.length) + topic.length();
    for (Header h : headers) {
      size += h.key().length() + (h.value() == null ? 0 : h.value().length);
    }
    return size;
  }
}
