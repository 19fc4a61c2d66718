package io.vescollector.streaming;

import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.Settings;
import java.util.EnumMap;
import java.util.Map;

/** The streaming target's settings (streaming.* in collector.yaml). */
public record StreamingConfig(boolean enabled, String root, String connectionsTopic, StreamTopics topics,
                              int maxPendingUnits, long syncTimeoutMs, Quotas quotas) {

  /**
   * Who sees which connection, and how many connections and streams there may be.
   *
   * @param adminPrincipal the principal that sees and manages every connection; null for none
   */
  public record Quotas(String adminPrincipal, int maxConnections, int maxConnectionsPerPrincipal,
                       int maxStreamsPerConnection) {}

  public static StreamingConfig from(Settings s) {
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
    Quotas quotas = new Quotas(admin.isEmpty() ? null : admin,
        positive(s, ConfigKeys.STREAMING_MAX_CONNECTIONS), positive(s, ConfigKeys.STREAMING_MAX_CONNECTIONS_PER_PRINCIPAL),
        positive(s, ConfigKeys.STREAMING_MAX_STREAMS_PER_CONNECTION));
    return new StreamingConfig(s.bool(ConfigKeys.STREAMING_ENABLED), root,
        s.string(ConfigKeys.STREAMING_CONNECTIONS_TOPIC).trim(), streamTopics, (int) pending, sync, quotas);
  }

  private static int positive(Settings s, io.vescollector.config.ConfigKey key) {
    long value = s.longValue(key);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new ConfigException(key.name() + " must be a positive integer, found " + value);
    }
    return (int) value;
  }

  /** {root}/StreamingDataReportingMnS: the part before the version segment. */
  public String basePath() {
    return root + "/StreamingDataReportingMnS";
  }
}
