package io.vescollector.streaming;

import java.util.EnumMap;
import java.util.Map;

/** The Kafka topic of each stream type's units (streaming.topics.* in collector.yaml). */
public record StreamTopics(Map<StreamType, String> topics) {
  public StreamTopics {
    topics = Map.copyOf(new EnumMap<>(topics));
    for (StreamType t : StreamType.values()) {
      if (!topics.containsKey(t) || topics.get(t).isBlank()) {
        throw new IllegalArgumentException("no topic for stream type " + t);
      }
    }
  }

  public String of(StreamType type) {
    return topics.get(type);
  }
}
