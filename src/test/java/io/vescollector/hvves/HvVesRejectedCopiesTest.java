package io.vescollector.hvves;

import static io.vescollector.hvves.HvVesSamples.frame;
import static io.vescollector.hvves.HvVesSamples.perf3gppEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.config.ConfigKeys;
import io.vescollector.hvves.proto.VesEvent;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.CommandRun;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code routing.rejectedTopic} set, every frame HV-VES drops as invalid or unroutable is copied
 * there: its payload byte for byte, and why in headers (the drop cause and the WTP header, since a frame
 * has no HTTP status), so that nothing a network function sent is lost without a trace; {@code consume}
 * shows the copies.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HvVesRejectedCopiesTest {
  private static final Duration STORED = Duration.ofSeconds(30);

  private final String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
  /** The payloads sent in dropped frames, in order, with the cause and WTP header each should be copied with. */
  private final List<Dropped> dropped = new ArrayList<>();
  private Vertx vertx;
  private TestKafka kafka;
  private CollectorHarness collector;
  private String rejectedTopic;
  private List<ConsumerRecord<byte[], byte[]>> copies;

  private record Dropped(byte[] payload, String cause, String wtpVersion, String payloadType, String reason) {
  }

  @BeforeAll
  void dropFiveFramesAndStoreOne(TestKafka kafka) {
    this.kafka = kafka;
    vertx = Vertx.vertx();
    collector = HvVesCollectors.start(vertx, kafka, Map.of(
        ConfigKeys.ROUTING_REJECTED_TOPIC.name(), kafka.uniqueTopic("ves-rejected")));
    rejectedTopic = collector.config().routing().rejectedTopic();
    byte[] good = perf3gppEvent(source, 1).toByteArray();
    byte[] noEventName = HvVesSamples.event(HvVesSamples.header("perf3gpp", source, 2).clearEventName(), 2)
        .toByteArray();
    byte[] fault = HvVesSamples.event(HvVesSamples.header("fault", source, 3), 2).toByteArray();
    dropped.add(new Dropped(good, "invalid", "2.0", "1", "WTP version 2.0"));
    dropped.add(new Dropped(good, "invalid", "1.0", "0", "payload type 0"));
    dropped.add(new Dropped(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01}, "invalid", "1.0", "1", "not a VesEvent"));
    dropped.add(new Dropped(noEventName, "invalid", "1.0", "1", "eventName"));
    dropped.add(new Dropped(fault, "routing", "1.0", "1", "no route for domain 'fault'"));
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      for (Dropped d : dropped) {
        int major = Integer.parseInt(d.wtpVersion().substring(0, 1));
        client.send(HvVesSamples.frame(0xAA, major, 0, Integer.parseInt(d.payloadType()), d.payload().length,
            d.payload()));
      }
      client.send(frame(perf3gppEvent(source, 4)));
      HvVesRecordReader.read(kafka.bootstrapServers(), HvVesCollectors.topic(collector, "perf3gpp"), source, 1, STORED);
    }
    copies = HvVesRecordReader.read(kafka.bootstrapServers(), rejectedTopic, r -> true, dropped.size(), STORED);
  }

  @AfterAll
  void stop() {
    collector.close();
    vertx.close().await();
  }

  @Test
  void eachDroppedFrameIsCopiedInOrderWithItsPayloadAsSentAndItsCauseInHeaders() {
    assertEquals(dropped.size(), copies.size(), "copies in " + rejectedTopic);
    String connection = null;
    for (int i = 0; i < dropped.size(); i++) {
      Dropped sent = dropped.get(i);
      ConsumerRecord<byte[], byte[]> copy = copies.get(i);
      assertArrayEquals(sent.payload(), copy.value(), "copy " + i + " holds the payload as sent");
      assertEquals(sent.cause(), header(copy, "ves-drop-cause"), "copy " + i);
      assertEquals(sent.wtpVersion(), header(copy, "ves-wtp-version"), "copy " + i);
      assertEquals(sent.payloadType(), header(copy, "ves-wtp-payload-type"), "copy " + i);
      assertTrue(header(copy, "ves-reason").contains(sent.reason()), header(copy, "ves-reason"));
      assertEquals("127.0.0.1", header(copy, "ves-source-address"));
      String requestId = header(copy, "ves-request-id");
      assertTrue(requestId.matches("[0-9a-f]{8}-" + (i + 1)), requestId);
      connection = connection == null ? requestId.substring(0, 8) : connection;
      assertEquals(connection, requestId.substring(0, 8), "one connection sent them all");
      assertEquals(requestId, new String(copy.key(), StandardCharsets.UTF_8), "keyed by its request id");
      assertTrue(Instant.parse(header(copy, "ves-rejected-at")).toEpochMilli() <= System.currentTimeMillis());
      assertNull(copy.headers().lastHeader("ves-status"), "a frame got no HTTP status, and none is made up");
      assertNull(copy.headers().lastHeader("ves-principal"), "plain TCP has no principal");
    }
  }

  @Test
  void theFrameKafkaStoredIsNotCopiedAndEveryCopyIsCountedAsPublished() {
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
        HvVesRecordReader.readAll(kafka.bootstrapServers(), rejectedTopic).size() == dropped.size());
    assertEquals(dropped.size(), collector.registry().find("ves_rejected_events").tag("outcome", "published")
        .counter().count());
  }

  @Test
  void consumeShowsEachCopysCauseItsPayloadInBase64AndTheEventWhenItDecodes() throws Exception {
    CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--topic", rejectedTopic,
        "--from-beginning", "--max", Integer.toString(dropped.size()), "--timeout", "20s", "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(dropped.size(), run.lines().size(), run.toString());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < dropped.size(); i++) {
      JsonNode line = json.readTree(run.lines().get(i));
      JsonNode rejected = line.path("rejected");
      assertEquals(dropped.get(i).cause(), rejected.path("dropCause").asText(), line.toString());
      assertEquals(dropped.get(i).wtpVersion(), rejected.path("wtpVersion").asText(), line.toString());
      assertTrue(rejected.path("status").isMissingNode(), line.toString());
      assertEquals("base64", line.path("bodyEncoding").asText());
      assertArrayEquals(dropped.get(i).payload(), Base64.getDecoder().decode(line.path("body").asText()));
    }
    JsonNode routing = json.readTree(run.lines().get(dropped.size() - 1));
    assertEquals("fault", routing.path("event").path("commonEventHeader").path("domain").asText(), routing.toString());
    assertEquals(source, routing.path("event").path("commonEventHeader").path("sourceName").asText());
    assertEquals(VesEvent.parseFrom(dropped.get(4).payload()).getCommonEventHeader().getEventId(),
        routing.path("event").path("commonEventHeader").path("eventId").asText());

    CommandRun pretty = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--topic", rejectedTopic,
        "--from-beginning", "--max", "1", "--timeout", "20s", "--format", "pretty");
    assertTrue(pretty.out().contains("\nrejected: HV-VES frame dropped (invalid): WTP version 2.0"), pretty.out());
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    assertTrue(h != null, "no record header " + name);
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
