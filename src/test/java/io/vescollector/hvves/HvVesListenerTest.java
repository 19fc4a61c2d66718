package io.vescollector.hvves;

import static io.vescollector.hvves.HvVesSamples.frame;
import static io.vescollector.hvves.HvVesSamples.perf3gppEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SettingsLoader;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.proto.VesEvent;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.PrometheusText;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HV-VES listener over a real socket, publishing to the real broker: the record as ONAP writes it,
 * routing, and each row of ONAP's bad-input table with its outcome (a broken stream closes the
 * connection; a bad frame is dropped, counted by cause, and the connection goes on).
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HvVesListenerTest {
  private static final Duration STORED = Duration.ofSeconds(30);
  private static final Duration CLOSED = Duration.ofSeconds(10);

  private Vertx vertx;
  private TestKafka kafka;
  private CollectorHarness collector;
  private String perf3gpp;

  @BeforeAll
  void start(TestKafka kafka) {
    this.kafka = kafka;
    vertx = Vertx.vertx();
    collector = HvVesCollectors.start(vertx, kafka, Map.of());
    perf3gpp = HvVesCollectors.topic(collector, "perf3gpp");
  }

  @AfterAll
  void stop() {
    collector.close();
    vertx.close().await();
  }

  @Test
  void theListenerIsOffByDefaultOnOnapsPort() {
    CollectorConfig defaults = CollectorConfig.from(new SettingsLoader().load(null, Map.of(),
        Map.of(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers())));
    assertFalse(defaults.hvVes().enabled());
    assertEquals(6061, defaults.hvVes().port());
    assertEquals(1 << 20, defaults.hvVes().maxPayloadBytes());
    assertEquals(Map.of("perf3gpp", "HV_VES_PERF3GPP",
        "ves-3gpp-fault-supervision", "SEC_3GPP_FAULTSUPERVISION_OUTPUT",
        "ves-3gpp-provisioning", "SEC_3GPP_PROVISIONING_OUTPUT",
        "ves-3gpp-heartbeat", "SEC_3GPP_HEARTBEAT_OUTPUT",
        "ves-3gpp-performance-assurance", "SEC_3GPP_PERFORMANCEASSURANCE_OUTPUT"), defaults.hvVes().routes());
    try (CollectorHarness plain = CollectorHarness.start(vertx, kafka, Map.of())) {
      assertEquals(-1, plain.hvVesPort());
    }
  }

  @Test
  void theRecordIsOnapsKeyTheReEncodedHeaderValueThePayloadAsReceivedWithVesHeaders() throws Exception {
    String source = source();
    VesEvent event = perf3gppEvent(source, 7);
    // An unknown field (number 50) after the event: it stays in the value, byte for byte.
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.write(event.toByteArray());
    payload.write(new byte[] {(byte) 0x90, 0x03, 42}); // tag (50 << 3 | varint) as a varint, then 42
    byte[] sent = payload.toByteArray();
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      client.send(frame(sent));
      ConsumerRecord<byte[], byte[]> record = HvVesRecordReader.read(kafka.bootstrapServers(), perf3gpp, source, 1, STORED).get(0);

      assertArrayEquals(sent, record.value(), "the value is the VesEvent exactly as received");
      assertArrayEquals(event.getCommonEventHeader().toByteArray(), record.key(), "the key is the header, encoded again");
      assertEquals("perf3gpp", header(record, "ves-domain"));
      assertEquals("perf3gpp_RealTimePm", header(record, "ves-event-name"));
      assertEquals("7.2", header(record, "ves-listener-version"));
      assertEquals("127.0.0.1", header(record, "ves-received-from"));
      assertEquals("test-collector", header(record, "ves-collector-id"));
      assertTrue(header(record, "ves-request-id").matches("[0-9a-f]{8}-1"), header(record, "ves-request-id"));
      assertTrue(header(record, "content-type").startsWith("application/x-protobuf"));
      assertEquals(null, record.headers().lastHeader("ves-stnd-defined-namespace"));
      assertFalse(client.closedByCollector(Duration.ofMillis(50)), "the connection stays open");
    }
  }

  @Test
  void eventsGoByDomainOrStndDefinedNamespaceToOnapsRoutesAndTheRestIsDroppedAsRouting() {
    String source = source();
    double routingBefore = dropped("routing");
    List<String> namespaces = List.of("ves-3gpp-fault-supervision", "ves-3gpp-provisioning", "ves-3gpp-heartbeat",
        "ves-3gpp-performance-assurance");
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      int seq = 0;
      for (String namespace : namespaces) {
        client.send(frame(event(source, ++seq, h -> h.setDomain("stndDefined").setStndDefinedNamespace(namespace))));
      }
      client.send(frame(event(source, 100, h -> h.setDomain("stndDefined").setStndDefinedNamespace("ves-3gpp-other"))));
      client.send(frame(event(source, 101, h -> h.setDomain("fault"))));
      client.send(frame(event(source, 102, h -> h.setDomain("Perf3gpp")))); // exact, case-sensitive
      client.send(frame(event(source, 103, h -> h.setDomain("stndDefined")))); // no namespace
      // ONAP's domains and namespaces share one key space: a plain event named like a namespace routes.
      client.send(frame(event(source, 104, h -> h.setDomain("ves-3gpp-heartbeat"))));
      client.send(frame(perf3gppEvent(source, 105)));

      assertEquals(105, sequences(perf3gpp, source, 1).get(0));
      for (int i = 0; i < namespaces.size(); i++) {
        String topic = HvVesCollectors.topic(collector, namespaces.get(i));
        int expected = namespaces.get(i).equals("ves-3gpp-heartbeat") ? 2 : 1;
        List<ConsumerRecord<byte[], byte[]>> records = HvVesRecordReader.read(kafka.bootstrapServers(), topic, source,
            expected, STORED);
        assertEquals(i + 1, HvVesRecordReader.header(records.get(0)).getSequence(), topic);
        assertEquals(namespaces.get(i), header(records.get(0), "ves-stnd-defined-namespace"));
        assertEquals("stndDefined", header(records.get(0), "ves-domain"));
      }
      await().atMost(STORED).until(() -> dropped("routing") - routingBefore == 4);
      assertFalse(client.closedByCollector(Duration.ofMillis(50)));
    }
  }

  // --- ONAP's bad-input table, row by row ---

  @Test
  void aFirstByteOtherThanTheMarkerClosesTheConnectionAndNothingAfterItIsRead() {
    String source = source();
    double before = rejected("invalid_marker");
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      byte[] bad = frame(perf3gppEvent(source, 2).toByteArray());
      bad[0] = (byte) 0xAB;
      client.send(frame(perf3gppEvent(source, 1))).send(bad).send(frame(perf3gppEvent(source, 3)));

      assertTrue(client.closedByCollector(CLOSED), "the collector did not close the connection");
    }
    assertEquals(1, rejected("invalid_marker") - before);
    assertEquals(List.of(1), sequences(perf3gpp, source, 1));
    assertEquals(List.of(1), allSequences(perf3gpp, source), "a frame after the bad marker was read");
  }

  @Test
  void aLengthAboveTheLimitClosesTheConnectionBeforeThePayloadIsSent() {
    double before = rejected("too_big_payload");
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      client.send(HvVesSamples.frame(0xAA, 1, 0, 1, (1 << 20) + 1, new byte[0]));
      assertTrue(client.closedByCollector(CLOSED), "the collector waited for a payload it will never take");
    }
    assertEquals(1, rejected("too_big_payload") - before);
  }

  @Test
  void aLengthOfTwoToTheThirtyFirstOrMoreIsTooBigNotNegative() {
    double before = rejected("too_big_payload");
    for (long length : List.of(1L << 31, 0xFFFF_FFFFL)) {
      try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
        client.send(HvVesSamples.frame(0xAA, 1, 0, 1, length, new byte[0]));
        assertTrue(client.closedByCollector(CLOSED), "length " + length);
      }
    }
    assertEquals(2, rejected("too_big_payload") - before);
  }

  @Test
  void aPayloadOfExactlyTheLimitPasses() {
    String source = source();
    byte[] payload = HvVesSamples.payloadOfSize(source, 1, 1 << 20);
    assertEquals(1 << 20, payload.length);
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      client.send(frame(payload));
      ConsumerRecord<byte[], byte[]> record = HvVesRecordReader.read(kafka.bootstrapServers(), perf3gpp, source, 1, STORED).get(0);
      assertArrayEquals(payload, record.value());
      assertFalse(client.closedByCollector(Duration.ofMillis(50)));
    }
  }

  @Test
  void framesOfAnotherMajorVersionOrPayloadTypeAreDroppedAsInvalidAndTheConnectionGoesOn() {
    String source = source();
    double invalid = dropped("invalid");
    double received = counter("hvves_messages_received", null, null);
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      byte[] payload = perf3gppEvent(source, 1).toByteArray();
      client.send(HvVesSamples.frame(0xAA, 2, 0, 1, payload.length, payload)) // major version 2
          .send(HvVesSamples.frame(0xAA, 1, 0, 0, payload.length, payload))   // payload type undefined
          .send(HvVesSamples.frame(0xAA, 1, 0, 2, payload.length, payload))   // payload type unknown
          .send(HvVesSamples.frame(0xAA, 1, 9, 1, payload.length, payload));  // minor version is never checked

      assertEquals(List.of(1), sequences(perf3gpp, source, 1));
      assertEquals(3, dropped("invalid") - invalid);
      assertEquals(4, counter("hvves_messages_received", null, null) - received);
      assertFalse(client.closedByCollector(Duration.ofMillis(50)));
    }
  }

  @Test
  void aPayloadThatIsNotAVesEventIsDroppedAsInvalidAndTheConnectionGoesOn() {
    String source = source();
    double invalid = dropped("invalid");
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      client.send(frame(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}))
          .send(frame(new byte[] {0x0A, 0x10, 0x01})) // field 1 claims 16 bytes, has 1
          .send(frame(perf3gppEvent(source, 1)));

      assertEquals(List.of(1), sequences(perf3gpp, source, 1));
      assertEquals(2, dropped("invalid") - invalid);
      assertFalse(client.closedByCollector(Duration.ofMillis(50)));
    }
  }

  @Test
  void aHeaderFailingOnapsChecksIsDroppedAsInvalidAndTheConnectionGoesOn() {
    String source = source();
    List<UnaryOperator<CommonEventHeader.Builder>> spoilers = List.of(
        CommonEventHeader.Builder::clearVersion,
        CommonEventHeader.Builder::clearDomain,
        CommonEventHeader.Builder::clearPriority,
        CommonEventHeader.Builder::clearEventId,
        CommonEventHeader.Builder::clearEventName,
        CommonEventHeader.Builder::clearLastEpochMicrosec,
        CommonEventHeader.Builder::clearStartEpochMicrosec,
        CommonEventHeader.Builder::clearReportingEntityName,
        CommonEventHeader.Builder::clearVesEventListenerVersion,
        h -> h.setVesEventListenerVersion("8.0"),
        h -> h.setVesEventListenerVersion("invalid"),
        h -> h.setVesEventListenerVersion("7"),
        h -> h.setVesEventListenerVersion("17.2"));
    double invalid = dropped("invalid");
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      int seq = 100;
      for (UnaryOperator<CommonEventHeader.Builder> spoil : spoilers) {
        client.send(frame(event(source, seq++, spoil)));
      }
      // a missing sourceName fails too; its event is told apart by its eventId
      client.send(frame(event(source, seq, h -> h.clearSourceName())));
      // these pass: sequence 0 is legal, 7.x listener versions of any form
      client.send(frame(event(source, 0, h -> h)))
          .send(frame(event(source, 1, h -> h.setVesEventListenerVersion("7.0.2"))))
          .send(frame(event(source, 2, h -> h.setVesEventListenerVersion("7.2.1-rc1"))))
          .send(frame(event(source, 3, h -> h.clearEventType().clearNfNamingCode().clearTimeZoneOffset())));

      assertEquals(List.of(0, 1, 2, 3), sorted(sequences(perf3gpp, source, 4)));
      assertEquals(spoilers.size() + 1, dropped("invalid") - invalid);
      assertEquals(List.of(0, 1, 2, 3), sorted(allSequences(perf3gpp, source)));
      assertFalse(client.closedByCollector(Duration.ofMillis(50)));
    }
  }

  @Test
  void theMetricsHaveOnapsNamesOnTheCollectorsMetricsEndpoint() {
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      String source = source();
      client.send(frame(perf3gppEvent(source, 1)));
      sequences(perf3gpp, source, 1);
      await().atMost(STORED).until(() -> PrometheusText.sum(metrics(), "hvves_messages_sent_total") >= 1);
      String text = metrics();
      for (String name : List.of("hvves_data_received_bytes_total", "hvves_messages_received_total",
          "hvves_messages_received_payload_bytes_total", "hvves_messages_sent_total",
          "hvves_messages_sent_topic_total{topic=\"" + perf3gpp + "\"}", "hvves_messages_dropped_total",
          "hvves_messages_dropped_cause_total{cause=\"invalid\"}", "hvves_messages_dropped_cause_total{cause=\"routing\"}",
          "hvves_messages_dropped_cause_total{cause=\"kafka\"}", "hvves_clients_rejected_total",
          "hvves_clients_rejected_cause_total{cause=\"invalid_marker\"}",
          "hvves_clients_rejected_cause_total{cause=\"too_big_payload\"}",
          "hvves_clients_rejected_cause_total{cause=\"unexpected\"}", "hvves_connections_total",
          "hvves_disconnections_total", "hvves_connections_active",
          "hvves_messages_processing_time_seconds_bucket", "hvves_messages_latency_seconds_bucket",
          "hvves_messages_to_collector_travel_time_seconds_bucket")) {
        assertTrue(text.contains("\n" + name), name + " is missing from /metrics");
      }
      assertTrue(PrometheusText.sum(text, "hvves_connections_active") >= 1);
      assertTrue(PrometheusText.sum(text, "hvves_messages_processing_time_seconds_count") >= 1);
    }
  }

  // --- helpers ---

  private static String source() {
    return "gnb-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static VesEvent event(String source, int sequence, UnaryOperator<CommonEventHeader.Builder> change) {
    return HvVesSamples.event(change.apply(HvVesSamples.header("perf3gpp", source, sequence)), 2);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    assertNotNull(h, "no record header " + name);
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  private List<Integer> sequences(String topic, String source, int count) {
    return HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, count, STORED).stream()
        .map(r -> HvVesRecordReader.header(r).getSequence()).toList();
  }

  private List<Integer> allSequences(String topic, String source) {
    return HvVesRecordReader.readAll(kafka.bootstrapServers(), topic).stream()
        .filter(r -> HvVesRecordReader.header(r).getSourceName().equals(source))
        .map(r -> HvVesRecordReader.header(r).getSequence()).toList();
  }

  private static List<Integer> sorted(List<Integer> values) {
    return values.stream().sorted().toList();
  }

  private double dropped(String cause) {
    return counter("hvves_messages_dropped_cause", "cause", cause);
  }

  private double rejected(String cause) {
    return counter("hvves_clients_rejected_cause", "cause", cause);
  }

  private double counter(String name, String tag, String value) {
    var search = collector.registry().find(name);
    Counter c = tag == null ? search.counter() : search.tag(tag, value).counter();
    assertNotNull(c, name);
    return c.count();
  }

  private String metrics() {
    return collector.get("/metrics").bodyAsString();
  }
}
