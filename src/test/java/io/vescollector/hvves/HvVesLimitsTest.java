package io.vescollector.hvves;

import static io.vescollector.hvves.HvVesSamples.frame;
import static io.vescollector.hvves.HvVesSamples.perf3gppEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigKeys;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bounds ONAP's collector lacks or leaves to its framework: idle connections, connection count, a failed send. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class HvVesLimitsTest {

  @Test
  void aConnectionThatSendsNothingForTheIdleTimeoutIsClosed(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka,
        Map.of(ConfigKeys.HV_VES_IDLE_TIMEOUT_SECONDS.name(), "1"));
         HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      long start = System.nanoTime();
      client.send(frame(perf3gppEvent("gnb-idle", 1)));
      assertTrue(client.closedByCollector(Duration.ofSeconds(10)), "an idle connection stayed open");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 900, "closed after " + ms + " ms, before the idle timeout");
      await().atMost(Duration.ofSeconds(5)).until(() -> gauge(collector, "hvves_connections_active") == 0);
    }
  }

  @Test
  void aConnectionBeyondMaxConnectionsIsClosedAtOnceAndCounted(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka,
        Map.of(ConfigKeys.HV_VES_MAX_CONNECTIONS.name(), "2"))) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      String topic = HvVesCollectors.topic(collector, "perf3gpp");
      try (HvVesClient first = new HvVesClient(collector.hvVesPort());
           HvVesClient second = new HvVesClient(collector.hvVesPort())) {
        first.send(frame(perf3gppEvent(source, 1)));
        second.send(frame(perf3gppEvent(source, 2)));
        HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, 2, Duration.ofSeconds(30));
        try (HvVesClient third = new HvVesClient(collector.hvVesPort())) {
          assertTrue(third.closedByCollector(Duration.ofSeconds(10)), "a third connection was kept");
        }
        assertEquals(1, collector.registry().find("hvves_clients_rejected_cause").tag("cause", "connection_limit")
            .counter().count());
        assertFalse(first.closedByCollector(Duration.ofMillis(20)));
      }
      // once the first two have gone, connections are accepted again
      await().atMost(Duration.ofSeconds(5)).until(() -> gauge(collector, "hvves_connections_active") == 0);
      try (HvVesClient again = new HvVesClient(collector.hvVesPort())) {
        again.send(frame(perf3gppEvent(source, 3)));
        HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, 3, Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void anEventKafkaDoesNotStoreIsDroppedAsKafkaAndTheConnectionGoesOn(Vertx vertx, TestKafka kafka) {
    String stored = kafka.uniqueTopic("hvves-stored");
    String missing = kafka.uniqueTopic("hvves-missing");
    kafka.createTopic(stored, 1);
    // topics are not created: the route to a missing topic fails each of its events
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of(
        ConfigKeys.KAFKA_TOPIC_CREATE.name(), "false",
        ConfigKeys.STREAMING_ENABLED.name(), "false",
        ConfigKeys.HV_VES_ROUTES + ".perf3gpp", stored,
        ConfigKeys.HV_VES_ROUTES + ".ves-3gpp-heartbeat", missing));
         HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      CommonEventHeader.Builder heartbeat = HvVesSamples.header("stndDefined", source, 1)
          .setStndDefinedNamespace("ves-3gpp-heartbeat");
      client.send(frame(HvVesSamples.event(heartbeat, 1))).send(frame(perf3gppEvent(source, 2)));

      assertEquals(List.of(2), HvVesRecordReader.read(kafka.bootstrapServers(), stored, source, 1, Duration.ofSeconds(30))
          .stream().map(r -> HvVesRecordReader.header(r).getSequence()).toList());
      await().atMost(Duration.ofSeconds(30)).until(() -> collector.registry().find("hvves_messages_dropped_cause")
          .tag("cause", "kafka").counter().count() == 1);
      client.send(frame(perf3gppEvent(source, 3)));
      HvVesRecordReader.read(kafka.bootstrapServers(), stored, source, 2, Duration.ofSeconds(30));
      assertFalse(client.closedByCollector(Duration.ofMillis(20)));
    }
  }

  private static double gauge(CollectorHarness collector, String name) {
    return collector.registry().find(name).gauge().value();
  }
}
