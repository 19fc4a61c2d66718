package io.vescollector.streaming;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vescollector.streaming.producer.ProducerPlan;
import io.vescollector.streaming.producer.StreamStats;
import io.vescollector.streaming.producer.WebSocketStreamer;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** stream-producer --mode websocket into a collector: every unit sent is in Kafka with named values. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class StreamProducerWebSocketTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyUnitTheSimulatorSendsIsStoredDecodedAndTheConnectionsEndCleanly(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of())) {
      ProducerPlan plan = new ProducerPlan("t" + System.nanoTime() % 100000, 2, 3, 5, 900, 100, 2);
      StreamStats stats = new StreamStats();
      WebClient http = WebClient.create(vertx);
      String base = "http://127.0.0.1:" + collector.port() + "/StreamingDataReportingMnS/v1";
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      List<Future<Void>> runs = List.of(
          new WebSocketStreamer(vertx, http, vertx.createWebSocketClient(), base, plan, 0, stats, JSON, quiet).run(),
          new WebSocketStreamer(vertx, http, vertx.createWebSocketClient(), base, plan, 1, stats, JSON, quiet).run());
      Future.all(runs).await();

      long sent = stats.units();
      assertTrue(sent > 10, "the simulator sent only " + sent + " units");
      assertEquals(0, stats.errors(), "the target reported errors");
      String topic = collector.config().streaming().topics().of(StreamType.PERFORMANCE);
      List<ConsumerRecord<String, byte[]>> stored = kafka.consumeMatching(topic,
          r -> r.key().startsWith("sim-" + plan.runId() + "-"), (int) sent, Duration.ofSeconds(30));
      assertEquals(sent, stored.size());
      Set<String> streams = new HashSet<>();
      for (ConsumerRecord<String, byte[]> r : stored) {
        JsonNode unit = JSON.readTree(r.value());
        streams.add(unit.path("streamId").asText());
        assertEquals(plan.metricNames(), iterable(unit.path("values").fieldNames()));
        assertEquals(900, unit.path("granularityPeriod").asInt());
      }
      assertEquals(6, streams.size(), "one stream per cell and producer");
      // the Close frames ended both connections
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
          assertTrue(collector.get("/StreamingDataReportingMnS/v1/connections").bodyAsJsonArray().stream()
              .noneMatch(c -> c.toString().contains(plan.runId())), "a connection outlived its Close frame"));
    }
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
