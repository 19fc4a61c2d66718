package io.vescollector.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * One Kafka client configuration for every client the collector and its tools make: {@code kafka.common.*}
 * (any Kafka client property: security protocol, SASL, TLS, config providers) applied to the producer,
 * the admin client and every consumer, overridden per client by {@code kafka.producer.*},
 * {@code kafka.admin.*} and {@code kafka.consumer.*}. Values are passed to the clients as written, so
 * Kafka's own config providers ({@code config.providers}, {@code ${file:…}}, {@code ${directory:…}})
 * resolve secrets from mounted files inside each client: a password never needs to be in the YAML.
 *
 * @param bootstrapServers {@code kafka.bootstrapServers}, or {@code bootstrap.servers} of the common block
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> common, Map<String, String> producer,
                                  Map<String, String> admin, Map<String, String> consumer) {
  public KafkaClientSettings {
    common = Map.copyOf(common);
    producer = Map.copyOf(producer);
    admin = Map.copyOf(admin);
    consumer = Map.copyOf(consumer);
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      bootstrapServers = common.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "").trim();
    }
  }

  /** Only an address: an open cluster, as the embedded broker and the test broker are. */
  public static KafkaClientSettings plain(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** With other bootstrap servers, e.g. the embedded broker's, or a tool's {@code --bootstrap}. */
  public KafkaClientSettings withBootstrapServers(String servers) {
    return new KafkaClientSettings(servers, common, producer, admin, consumer);
  }

  public boolean hasBootstrapServers() {
    return !bootstrapServers.isBlank();
  }

  /** The producer's settings: bootstrap servers, the common block, then {@code kafka.producer.*}. */
  public Map<String, Object> forProducer() {
    return merged(producer);
  }

  public Map<String, Object> forAdmin() {
    return merged(admin);
  }

  public Map<String, Object> forConsumer() {
    return merged(consumer);
  }

  /** The producer's overrides of the collector's own producer defaults: the common block, then the producer's. */
  public Map<String, String> producerOverrides() {
    Map<String, String> out = new HashMap<>(common);
    out.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    out.putAll(producer);
    return out;
  }

  private Map<String, Object> merged(Map<String, String> specific) {
    Map<String, Object> out = new HashMap<>(common);
    out.putAll(specific);
    out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return out;
  }

  /** Never prints a value: they hold passwords and keys. */
  @Override
  public String toString() {
    return "KafkaClientSettings[bootstrapServers=" + bootstrapServers + ", common=" + common.keySet()
        + ", producer=" + producer.keySet() + ", admin=" + admin.keySet() + ", consumer=" + consumer.keySet() + "]";
  }
}
