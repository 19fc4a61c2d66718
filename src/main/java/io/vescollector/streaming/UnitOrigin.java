package io.vescollector.streaming;

/**
 * Where a unit came from, written into its Kafka record: the producer's DN and either the TS 28.532
 * connection (WebSocket path) or the project's message-bus session that carried it.
 */
public record UnitOrigin(String producer, String connectionId, String sessionId) {
  public static UnitOrigin connection(String producer, String connectionId) {
    return new UnitOrigin(producer, connectionId, null);
  }

  public static UnitOrigin session(String producer, String sessionId) {
    return new UnitOrigin(producer, null, sessionId);
  }
}
