package io.vescollector.kafka;

import java.util.Map;

/**
 * Whether the collector can store events, as readiness reports it: Kafka answers (with the collector's
 * credentials) and at least one mapped topic may be written to. A topic that is missing or refused
 * while others work is listed, not made a reason to stop all traffic: one forgotten topic must not
 * take every domain down with it.
 */
public final class KafkaReadiness {
  /**
   * @param embedded          whether this is the embedded development broker
   * @param unavailableTopics topic to the reason it cannot be written to
   * @param reason            why the collector is not ready, or null when it is
   */
  public record Status(boolean ready, boolean embedded, boolean reachable, Map<String, String> unavailableTopics,
                       String reason) {
  }

  private final KafkaHealth health;
  private final TopicProvisioner topics;
  private final boolean embedded;

  public KafkaReadiness(KafkaHealth health, TopicProvisioner topics, boolean embedded) {
    this.health = health;
    this.topics = topics;
    this.embedded = embedded;
  }

  public Status status() {
    boolean reachable = health.reachable();
    boolean usable = topics.anyMappedTopicUsable();
    String reason = !reachable ? health.lastError()
        : usable ? null : "no mapped topic can be written to (see unavailableTopics)";
    return new Status(reachable && usable, embedded, reachable, topics.unavailableTopics(), reason);
  }
}
