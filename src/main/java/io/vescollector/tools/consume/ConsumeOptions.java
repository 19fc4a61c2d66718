package io.vescollector.tools.consume;

import io.vescollector.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.List;

/**
 * What to read and when to stop.
 *
 * @param kafka where and how to connect (bootstrap servers, security, config providers)
 * @param max stop after this many shown events; 0 = no limit
 * @param idleTimeout stop after this long without a record; null = never
 * @param group join this consumer group (commits offsets); null = assign partitions directly, so real
 *     consumer groups are never disturbed
 */
public record ConsumeOptions(KafkaClientSettings kafka, List<String> topics, boolean fromBeginning,
                             List<FieldFilter> filters, long max, Duration idleTimeout, String group) {
  public ConsumeOptions {
    topics = List.copyOf(topics);
    filters = List.copyOf(filters);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no topic to read");
    }
  }
}
