package io.vescollector.hvves;

import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SettingsLoader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A collector with the HV-VES listener on a free port, its HV-VES topics made unique, one partition each. */
final class HvVesCollectors {
  private HvVesCollectors() {}

  /** The listener's overrides: on, any port, ONAP's routes with topic names unique to this call. */
  static Map<String, String> overrides(Map<String, String> more) {
    String suffix = "." + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> all = new HashMap<>();
    new SettingsLoader().load(null, Map.of(), Map.of()).map(ConfigKeys.HV_VES_ROUTES)
        .forEach((key, topic) -> all.put(ConfigKeys.HV_VES_ROUTES + "." + key, topic + suffix));
    all.put(ConfigKeys.HV_VES_ENABLED.name(), "true");
    all.put(ConfigKeys.HV_VES_PORT.name(), "0");
    all.put(ConfigKeys.KAFKA_TOPIC_PARTITIONS.name(), "1");
    all.putAll(more);
    return all;
  }

  static CollectorHarness start(Vertx vertx, TestKafka kafka, Map<String, String> more) {
    return CollectorHarness.start(vertx, kafka, overrides(more));
  }

  /** The topic a route key (domain or namespace) goes to. */
  static String topic(CollectorHarness collector, String key) {
    return collector.config().hvVes().routes().get(key);
  }
}
