package io.vescollector.streaming;

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

  /** {root}/StreamingDataReportingMnS: the part before the version segment. */
  public String basePath() {
    return root + "/StreamingDataReportingMnS";
  }
}
