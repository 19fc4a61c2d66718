package io.vescollector.config;

import io.vescollector.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Reads the Kafka clients' settings from the collector's configuration, or from a tool's {@code --kafka-config}. */
public final class KafkaClientSettingsReader {
  private KafkaClientSettingsReader() {}

  /** {@code kafka.bootstrapServers} and the {@code kafka.common/producer/admin/consumer.*} blocks. */
  public static KafkaClientSettings read(Settings s) {
    return new KafkaClientSettings(s.string(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS).trim(), s.map(ConfigKeys.KAFKA_COMMON),
        s.map(ConfigKeys.KAFKA_PRODUCER), s.map(ConfigKeys.KAFKA_ADMIN), s.map(ConfigKeys.KAFKA_CONSUMER));
  }

  /**
   * What a tool's {@code --kafka-config FILE} names: the collector's YAML configuration (its {@code kafka.*}
   * keys), or, for any other file name, Java properties of Kafka client settings used as the common block,
   * as Kafka's own tools read {@code --consumer.config}.
   */
  public static KafkaClientSettings readFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return read(new SettingsLoader().load(file, Map.of(), Map.of()));
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read the Kafka client configuration " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> common = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> common.put(k, properties.getProperty(k)));
    return new KafkaClientSettings("", common, Map.of(), Map.of(), Map.of());
  }
}
