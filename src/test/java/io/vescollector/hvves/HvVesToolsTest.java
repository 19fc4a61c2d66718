package io.vescollector.hvves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vescollector.hvves.proto.VesEvent;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.CommandRun;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command-line tools on the HV-VES path, against a running collector and the real broker. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class HvVesToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sendWritesPerf3gppEventsTheCollectorStoresWithEveryValueNamed(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of())) {
      CommandRun run = CommandRun.of("send", "--protocol", "hv-ves", "--url", "tcp://127.0.0.1:" + collector.hvVesPort(),
          "--count", "40", "-c", "2", "--sources", "4", "--cells", "3", "--metrics", "5", "--format", "json");

      assertEquals(0, run.exitCode(), run.toString());
      JsonNode report = JSON.readTree(run.out());
      assertEquals(40, report.path("eventsSent").asLong());
      assertEquals(40 * 3 * 5, report.path("valuesSent").asLong());
      assertTrue(report.path("bytesPerValue").asDouble() > 0);
      List<ConsumerRecord<byte[], byte[]>> records = HvVesRecordReader.read(kafka.bootstrapServers(),
          HvVesCollectors.topic(collector, "perf3gpp"), r -> true, 40, Duration.ofSeconds(30));
      Set<String> eventIds = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        VesEvent event = VesEvent.parseFrom(record.value());
        eventIds.add(event.getCommonEventHeader().getEventId());
        List<Perf3gpp.CellValues> cells = Perf3gpp.values(event);
        assertEquals(3, cells.size());
        cells.forEach(c -> assertEquals(5, c.values().size(), c.toString()));
        assertTrue(cells.get(0).values().containsKey("DRB.UEThpDl.QCI0"), cells.get(0).toString());
      }
      assertEquals(40, eventIds.size(), "every event has its own eventId");
      assertEquals(40 * 3 * 5, report.path("valuesSent").asLong());
    }
  }

  @Test
  void consumeShowsAnHvVesRecordsHeaderAndItsPerf3gppValuesByName(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of());
         HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      String topic = HvVesCollectors.topic(collector, "perf3gpp");
      VesEvent first = Perf3gpp.event("gnb-a", 1, 1_764_169_200_000_000L, 15, "ManagedElement=gnb-a",
          List.of("RRU.PrbUsedDl", "DRB.UEThpDl"), List.of(new Perf3gpp.Cell("NRCellDU=1", new double[] {42, 2.5}),
              new Perf3gpp.Cell("NRCellDU=2", new double[] {7, Double.NaN})));
      VesEvent second = Perf3gpp.event("gnb-b", 1, 1_764_169_200_000_000L, 15, "ManagedElement=gnb-b",
          List.of("RRU.PrbUsedDl"), List.of(new Perf3gpp.Cell("NRCellDU=9", new double[] {1})));
      client.send(WtpFrame.encode(first.toByteArray())).send(WtpFrame.encode(second.toByteArray()));
      HvVesRecordReader.read(kafka.bootstrapServers(), topic, r -> true, 2, Duration.ofSeconds(30));

      CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--topic", topic, "--from-beginning",
          "--format", "json", "--filter", "commonEventHeader.sourceName=gnb-a", "--max", "1", "--timeout", "10s");

      assertEquals(0, run.exitCode(), run.toString());
      JsonNode shown = JSON.readTree(run.out().strip());
      assertEquals("perf3gpp", shown.at("/commonEventHeader/domain").asText());
      assertEquals("NORMAL", shown.at("/commonEventHeader/priority").asText());
      assertEquals(1_764_169_200_000_000L, shown.at("/commonEventHeader/lastEpochMicrosec").asLong());
      assertEquals("NRCellDU=1", shown.at("/perf3gppFields/cells/0/cell").asText());
      assertEquals(42, shown.at("/perf3gppFields/cells/0/values/RRU.PrbUsedDl").asDouble());
      assertEquals(2.5, shown.at("/perf3gppFields/cells/0/values/DRB.UEThpDl").asDouble());
      assertTrue(shown.at("/perf3gppFields/cells/1/values/DRB.UEThpDl").isMissingNode(), "a null value is missing");

      CommandRun pretty = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--topic", topic, "--from-beginning",
          "--max", "2", "--timeout", "10s");
      assertTrue(pretty.out().contains("key: gnb-b"), pretty.out());
      assertTrue(pretty.out().contains("\"NRCellDU=9\""), pretty.out());
      assertTrue(pretty.out().contains("ves-domain: perf3gpp"), pretty.out());
    }
  }

  @Test
  void sendRefusesAnHttpUrlForHvVes() {
    CommandRun run = CommandRun.of("send", "--protocol", "hv-ves", "--url", "http://127.0.0.1:6061", "--count", "1");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("tcp://host:port"), run.err());
  }
}
