package io.vescollector.config;

import io.vescollector.streaming.StreamTopics;
import io.vescollector.streaming.StreamType;
import io.vescollector.streaming.StreamingConfig;
import java.util.EnumMap;
import java.util.Map;

/** Reads {@code streaming.*}, the TS 28.532 streaming target's settings, refusing values it cannot serve. */
public final class StreamingConfigReader {
  private StreamingConfigReader() {}

  public static StreamingConfig read(Settings s) {
    String root = s.string(ConfigKeys.STREAMING_ROOT).trim();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (!root.isEmpty() && !root.startsWith("/")) {
      throw new ConfigException(ConfigKeys.STREAMING_ROOT.name() + ": must be empty or start with '/', found '" + root + "'");
    }
    Map<StreamType, String> topics = new EnumMap<>(StreamType.class);
    topics.put(StreamType.PERFORMANCE, s.string(ConfigKeys.STREAMING_TOPIC_PERFORMANCE).trim());
    topics.put(StreamType.TRACE, s.string(ConfigKeys.STREAMING_TOPIC_TRACE).trim());
    topics.put(StreamType.ANALYTICS, s.string(ConfigKeys.STREAMING_TOPIC_ANALYTICS).trim());
    topics.put(StreamType.PROPRIETARY, s.string(ConfigKeys.STREAMING_TOPIC_PROPRIETARY).trim());
    StreamTopics streamTopics;
    try {
      streamTopics = new StreamTopics(topics);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("streaming.topics: " + e.getMessage());
    }
    long pending = s.longValue(ConfigKeys.STREAMING_MAX_PENDING_UNITS);
    long sync = s.longValue(ConfigKeys.STREAMING_SYNC_TIMEOUT_MS);
    if (pending < 1 || pending > 1_000_000 || sync < 1) {
      throw new ConfigException("streaming.maxPendingUnits must be 1..1000000 and streaming.syncTimeoutMs positive");
    }
    String admin = s.string(ConfigKeys.STREAMING_ADMIN_PRINCIPAL).trim();
    StreamingConfig.Quotas quotas = new StreamingConfig.Quotas(admin.isEmpty() ? null : admin,
        positive(s, ConfigKeys.STREAMING_MAX_CONNECTIONS), positive(s, ConfigKeys.STREAMING_MAX_CONNECTIONS_PER_PRINCIPAL),
        positive(s, ConfigKeys.STREAMING_MAX_STREAMS_PER_CONNECTION));
    return new StreamingConfig(s.bool(ConfigKeys.STREAMING_ENABLED), root,
        s.string(ConfigKeys.STREAMING_CONNECTIONS_TOPIC).trim(), streamTopics, (int) pending, sync, quotas);
  }

  private static int positive(Settings s, ConfigKey key) {
    long value = s.longValue(key);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new ConfigException(key.name() + " must be a positive integer, found " + value);
    }
    return (int) value;
  }
}
