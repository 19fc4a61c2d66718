package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events of one source keep their order: same key, same partition, one idempotent producer. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class OrderingTest {

  @Test
  void eachSourcesEventsArriveInTheOrderTheyWereAccepted(Vertx vertx, TestKafka kafka) throws Exception {
    int perSource = 60;
    String[] sources = {"gnb-a", "gnb-b", "gnb-c", "gnb-d"};
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of())) {
      for (int sequence = 0; sequence < perSource; sequence++) {
        for (String source : sources) {
          ObjectNode event = Samples.event("heartbeat");
          Samples.header(event).put("sourceName", source).put("sequence", sequence)
              .put("eventId", source + "-" + sequence);
          assertEquals(202, collector.post("/eventListener/v7", event.toString()).statusCode());
        }
      }
      List<ConsumerRecord<String, byte[]>> records = kafka.consume(collector.topicOf("heartbeat"),
          perSource * sources.length, Duration.ofSeconds(30));

      Map<String, Integer> partitionOf = new HashMap<>();
      Map<String, List<Integer>> sequences = new HashMap<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        assertEquals(record.partition(), partitionOf.computeIfAbsent(record.key(), k -> record.partition()),
            "all events of " + record.key() + " on one partition");
        int sequence = Samples.JSON.readTree(record.value()).path("event").path("commonEventHeader").path("sequence").asInt();
        sequences.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(sequence);
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < perSource; i++) {
        expected.add(i);
      }
      for (String source : sources) {
        assertEquals(expected, sequences.get(source), "order of " + source);
      }
    }
  }
}
