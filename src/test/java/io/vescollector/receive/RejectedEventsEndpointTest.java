package io.vescollector.receive;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigKeys;
import io.vescollector.publish.RejectedEvents;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.LogCapture;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests refused for their content are copied to {@code routing.rejectedTopic} with the reason in
 * headers, and logged without their body; the client's answer is the same whether the copy is stored or not.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectedEventsEndpointTest {
  private static final int MAX_BODY = 8192;
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.with(kafka -> Map.of(
      ConfigKeys.ROUTING_REJECTED_TOPIC.name(), kafka.uniqueTopic("ves-rejected"),
      ConfigKeys.SERVER_MAX_BODY_BYTES.name(), Integer.toString(MAX_BODY)));

  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();
  private final String rejectedTopic = collector.config().routing().rejectedTopic();

  /**
   * What ONAP's evel library sends for a syslog event whose message holds a tab: it copies the text into the
   * JSON string without escaping it, so the body is not JSON, and evel drops the event on the 400.
   */
  static String evelSyslogWithRawTab() {
    String sample = CollectorHarness.read(Samples.v7("syslog"));
    String body = sample.replace("Failed password for invalid user", "Failed password\tfor invalid user");
    assertFalse(body.equals(sample), "setup: the sample's syslogMsg changed");
    return body;
  }

  @Test
  void evelSyslogWithARawTabIsFoundInTheRejectedTopicByteForByteWithItsReason() throws Exception {
    String body = evelSyslogWithRawTab();
    HttpResponse<Buffer> response;
    List<String> logged;
    try (LogCapture log = new LogCapture()) {
      response = collector.post("/eventListener/v7", body);
      String id = response.getHeader("X-Request-Id");
      // The line is written just after the answer, on the event loop.
      await().atMost(Duration.ofSeconds(10)).until(() -> log.linesOf(RefusalLog.class.getName()).stream()
          .anyMatch(l -> l.contains(String.valueOf(id))));
      logged = log.linesOf(RefusalLog.class.getName());
    }

    assertEquals(400, response.statusCode(), response.bodyAsString());
    String requestId = response.getHeader("X-Request-Id");
    assertNotNull(requestId);
    JsonObject error = response.bodyAsJsonObject().getJsonObject("requestError").getJsonObject("serviceException");
    assertEquals("SVC0002", error.getString("messageId"));

    ConsumerRecord<String, byte[]> record = kafka.consumeRequest(rejectedTopic, requestId, 1, Duration.ofSeconds(30)).get(0);
    assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), record.value(), "the body as received");
    assertEquals(requestId, record.key());
    assertEquals("400", header(record, RejectedEvents.HEADER_STATUS));
    assertEquals("SVC0002", header(record, RejectedEvents.HEADER_MESSAGE_ID));
    String reason = header(record, RejectedEvents.HEADER_REASON);
    assertTrue(reason.contains("CTRL-CHAR, code 9") && reason.matches(".*\\(line \\d+, column \\d+\\).*"), reason);
    assertEquals("127.0.0.1", header(record, RejectedEvents.HEADER_SOURCE_ADDRESS));
    assertNull(header(record, RejectedEvents.HEADER_PRINCIPAL), "no authentication");
    assertNotNull(Instant.parse(header(record, RejectedEvents.HEADER_REJECTED_AT)));

    String line = logged.stream().filter(l -> l.contains(requestId)).findFirst().orElseThrow(() -> new AssertionError(logged));
    assertTrue(line.contains(" 400 ") && line.contains("SVC0002") && line.contains("127.0.0.1"), line);
    assertFalse(line.contains("Failed password") || line.contains("syslog"), "never the body: " + line);
  }

  @Test
  void aSchemaViolationIsCopiedWithThePointerInItsReason() throws Exception {
    ObjectNode fault = Samples.event("fault");
    Samples.header(fault).remove("sourceName");
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", fault.toString());

    assertEquals(400, response.statusCode(), response.bodyAsString());
    ConsumerRecord<String, byte[]> record = kafka.consumeRequest(rejectedTopic, response.getHeader("X-Request-Id"), 1,
        Duration.ofSeconds(30)).get(0);
    assertEquals("SVC0002", header(record, RejectedEvents.HEADER_MESSAGE_ID));
    String reason = header(record, RejectedEvents.HEADER_REASON);
    assertTrue(reason.contains("/event/commonEventHeader/sourceName: required property"), reason);
    assertEquals(fault.toString(), new String(record.value(), StandardCharsets.UTF_8));
  }

  @Test
  void aWrongContentTypeIsCopiedAs415() {
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", Samples.event("fault").toString(), "text/plain");

    assertEquals(415, response.statusCode(), response.bodyAsString());
    ConsumerRecord<String, byte[]> record = kafka.consumeRequest(rejectedTopic, response.getHeader("X-Request-Id"), 1,
        Duration.ofSeconds(30)).get(0);
    assertEquals("415", header(record, RejectedEvents.HEADER_STATUS));
    assertEquals("SVC2004", header(record, RejectedEvents.HEADER_MESSAGE_ID));
    assertTrue(header(record, RejectedEvents.HEADER_REASON).contains("Content-Type"), header(record, RejectedEvents.HEADER_REASON));
  }

  @Test
  void aBodyRefusedForItsDeclaredSizeIsCopiedEmptyAndMarkedTruncated() throws Exception {
    String head = "POST /eventListener/v7 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + (MAX_BODY + 1) + "\r\n\r\n";
    try (RawHttp http = new RawHttp(collector.port())) {
      assertEquals(413, http.send(head).read(10_000).status());
    }
    ConsumerRecord<String, byte[]> record = kafka.consumeMatching(rejectedTopic,
        r -> "413".equals(header(r, RejectedEvents.HEADER_STATUS)), 1, Duration.ofSeconds(30)).get(0);
    assertEquals("POL9003", header(record, RejectedEvents.HEADER_MESSAGE_ID));
    assertEquals("true", header(record, RejectedEvents.HEADER_BODY_TRUNCATED));
    assertNull(header(record, RejectedEvents.HEADER_REQUEST_ID), "a 413 before the endpoint has no request id");
    assertNull(record.key());
    assertEquals(0, record.value().length);
  }

  @Test
  void withTheTopicOffNothingIsPublishedOrCreated(Vertx vertx) throws Exception {
    // no streaming target: its connections topic would be created meanwhile
    try (CollectorHarness off = CollectorHarness.start(vertx, kafka, Map.of(ConfigKeys.STREAMING_ENABLED.name(), "false"));
         Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertFalse(off.config().routing().keepsRejected());
      Set<String> before = admin.listTopics().names().get();
      HttpResponse<Buffer> refused = off.post("/eventListener/v7", evelSyslogWithRawTab());
      assertEquals(400, refused.statusCode());
      // an accepted event after it: the producer has sent what it was given before
      HttpResponse<Buffer> accepted = off.post("/eventListener/v7", Samples.event("fault").toString());
      assertEquals(202, accepted.statusCode(), accepted.bodyAsString());

      Set<String> after = new HashSet<>(admin.listTopics().names().get());
      after.removeAll(before);
      after.remove(off.topicOf("fault"));
      assertEquals(Set.of(), after, "no topic but the fault topic was created");
      for (String outcome : List.of("published", "failed", "dropped")) {
        assertEquals(0.0, outcomeCount(off, outcome), outcome);
      }
    }
  }

  @Test
  void aCopyThatCannotBeStoredIsCountedAndTheClientStillGetsItsAnswerAtOnce(Vertx vertx) {
    try (CollectorHarness refusing = CollectorHarness.start(vertx, kafka,
        Map.of(ConfigKeys.ROUTING_REJECTED_TOPIC.name(), "not a valid topic name!"))) {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<Buffer> response = refusing.post("/eventListener/v7", evelSyslogWithRawTab());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(400, response.statusCode(), response.bodyAsString());
        assertEquals("SVC0002", response.bodyAsJsonObject().getJsonObject("requestError")
            .getJsonObject("serviceException").getString("messageId"));
        assertTrue(ms < 2_000, "answered in " + ms + " ms");
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> outcomeCount(refusing, "failed") == 3.0);
      assertEquals(0.0, outcomeCount(refusing, "published"));
    }
  }

  private static double outcomeCount(CollectorHarness harness, String outcome) {
    var counter = harness.registry().find("ves_rejected_events").tag("outcome", outcome).counter();
    return counter == null ? 0.0 : counter.count();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
