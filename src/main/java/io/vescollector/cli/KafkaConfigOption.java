package io.vescollector.cli;

import io.vescollector.config.KafkaClientSettingsReader;
import io.vescollector.kafka.KafkaClientSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE} for the tools that talk to Kafka, as Kafka's own tools take
 * {@code --consumer.config}: the collector's YAML configuration (its {@code kafka.*} keys), or Java
 * properties of Kafka client settings. So a tool reaches a secured cluster with the collector's own file.
 */
final class KafkaConfigOption {
  static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client settings: the collector's YAML (kafka.common.*, kafka.consumer.*, ...) or a "
          + ".properties file of client properties (security.protocol, sasl.*, ssl.*, config providers).")
  Path file;

  /**
   * The settings to connect with: the file's, with {@code bootstrap} when given on the command line, else
   * the file's bootstrap servers, else {@link #DEFAULT_BOOTSTRAP}.
   */
  KafkaClientSettings settings(String bootstrap) {
    KafkaClientSettings fromFile = file == null
        ? KafkaClientSettings.plain("")
        : KafkaClientSettingsReader.readFile(file);
    if (bootstrap != null && !bootstrap.isBlank()) {
      return fromFile.withBootstrapServers(bootstrap);
    }
    return fromFile.hasBootstrapServers() ? fromFile : fromFile.withBootstrapServers(DEFAULT_BOOTSTRAP);
  }
}
