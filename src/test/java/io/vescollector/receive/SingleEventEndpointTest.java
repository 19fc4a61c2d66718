package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /eventListener/v7 with one event: what is stored, and every way a request is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleEventEndpointTest {
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();
  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();

  @Test
  void validFaultIsAcceptedAfterKafkaStoredItWithKeyValueAndHeaders() throws Exception {
    ObjectNode event = Samples.event("fault");
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", event.toString());

    assertEquals(202, response.statusCode(), response.bodyAsString());
    assertEquals("2", response.getHeader("X-MinorVersion"));
    assertEquals("1", response.getHeader("X-PatchVersion"));
    assertEquals("7.2.1", response.getHeader("X-LatestVersion"));
    String requestId = response.getHeader("X-Request-Id");
    assertNotNull(requestId);

    List<ConsumerRecord<String, byte[]>> records = kafka.consumeRequest(collector.topicOf("fault"), requestId, 1, Duration.ofSeconds(20));
    ConsumerRecord<String, byte[]> record = records.get(0);
    assertEquals("gnb-cu-0012", record.key());
    JsonNode stored = Samples.JSON.readTree(record.value());
    JsonNode header = stored.path("event").path("commonEventHeader");
    assertEquals(event.path("event").path("faultFields"), stored.path("event").path("faultFields"));
    assertEquals("fault", header.path("domain").asText());
    JsonNode internal = header.path("internalHeaderFields");
    assertEquals(requestId, internal.path("requestId").asText());
    assertEquals("test-collector", internal.path("collectorId").asText());
    assertEquals("127.0.0.1", internal.path("receivedFrom").asText());
    assertTrue(internal.path("collectorTimeStamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
        internal.toString());
    assertEquals("fault", header(record, "ves-domain"));
    assertEquals(header.path("eventName").asText(), header(record, "ves-event-name"));
    assertEquals("7.2.1", header(record, "ves-listener-version"));
    assertEquals(requestId, header(record, "ves-request-id"));
  }

  @Test
  void senderInternalHeaderFieldsAreMergedAndTheCollectorWinsOnAClash() throws Exception {
    ObjectNode event = Samples.event("heartbeat");
    ObjectNode internal = Samples.header(event).putObject("internalHeaderFields");
    internal.put("tenant", "blue");
    internal.put("collectorId", "spoofed");

    HttpResponse<Buffer> response = collector.post("/eventListener/v7", event.toString());

    assertEquals(202, response.statusCode(), response.bodyAsString());
    JsonNode stored = Samples.JSON.readTree(kafka.consumeRequest(collector.topicOf("heartbeat"),
        response.getHeader("X-Request-Id"), 1, Duration.ofSeconds(20)).get(0).value());
    JsonNode fields = stored.path("event").path("commonEventHeader").path("internalHeaderFields");
    assertEquals("blue", fields.path("tenant").asText());
    assertEquals("test-collector", fields.path("collectorId").asText());
  }

  @Test
  void schemaViolationsAreRefusedWithEveryPointerAndReason() {
    ObjectNode event = Samples.event("measurement");
    Samples.header(event).put("priority", "Urgent");
    Samples.header(event).remove("sourceName");

    HttpResponse<Buffer> response = collector.post("/eventListener/v7", event.toString());

    assertEquals(400, response.statusCode());
    JsonObject exception = serviceException(response);
    assertEquals("SVC0002", exception.getString("messageId"));
    String variables = exception.getJsonArray("variables").encode();
    assertTrue(variables.contains("/event/commonEventHeader/priority"), variables);
    assertTrue(variables.contains("Urgent"), variables);
    assertTrue(variables.contains("sourceName"), variables);
  }

  @Test
  void malformedJsonIs400NotA500AndSaysWhere() {
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", "{\"event\": {\"commonEventHeader\": ");

    assertEquals(400, response.statusCode());
    JsonObject exception = serviceException(response);
    assertEquals("SVC0002", exception.getString("messageId"));
    assertTrue(exception.getJsonArray("variables").getString(0).contains("line 1"), exception.encode());
  }

  @Test
  void bodyWithoutEventMemberIs400() {
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", "{}");

    assertEquals(400, response.statusCode());
    assertEquals("SVC0002", serviceException(response).getString("messageId"));
  }

  @Test
  void duplicateKeysAreRefused() {
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", "{\"event\": {}, \"event\": {}}");

    assertEquals(400, response.statusCode());
    assertTrue(serviceException(response).encode().contains("Duplicate field"), response.bodyAsString());
  }

  @Test
  void wrongOrMissingContentTypeIs415() {
    String body = Samples.event("fault").toString();
    assertEquals(415, collector.post("/eventListener/v7", body, "text/plain").statusCode());
    assertEquals(415, collector.post("/eventListener/v7", body, null).statusCode());
    assertEquals(202, collector.post("/eventListener/v7", body, "application/json; charset=UTF-8").statusCode());
  }

  @Test
  void bodyOverTheLimitIs413WithPol9003() {
    String big = "{\"event\": {\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";

    HttpResponse<Buffer> response = collector.post("/eventListener/v7", big);

    assertEquals(413, response.statusCode());
    assertEquals("POL9003", response.bodyAsJsonObject().getJsonObject("requestError")
        .getJsonObject("policyException").getString("messageId"));
  }

  @Test
  void unknownApiVersionIs404WithAVesBody() {
    HttpResponse<Buffer> response = collector.post("/eventListener/v6", Samples.event("fault").toString());

    HttpResponse<Buffer> batch = collector.post("/eventListener/v6/eventBatch", "{\"eventList\":[]}");

    assertEquals(404, response.statusCode());
    assertEquals("SVC2004", serviceException(response).getString("messageId"));
    assertTrue(response.bodyAsString().contains("API version v6 is not supported (supported: v1, v2, v3, v4, v5, v7)"),
        response.bodyAsString());
    assertEquals("7.2.1", response.getHeader("X-LatestVersion"));
    assertEquals(404, batch.statusCode());
    assertTrue(batch.bodyAsString().contains("API version v6 is not supported"), batch.bodyAsString());
  }

  @Test
  void minorVersionAboveTheServedOneIsRefused() {
    String body = Samples.event("fault").toString();
    var ok = collector.client().post("/eventListener/v7").putHeader("Content-Type", "application/json")
        .putHeader("X-MinorVersion", "1").sendBuffer(Buffer.buffer(body)).await();
    var tooNew = collector.client().post("/eventListener/v7").putHeader("Content-Type", "application/json")
        .putHeader("X-MinorVersion", "3").sendBuffer(Buffer.buffer(body)).await();

    assertEquals(202, ok.statusCode());
    assertEquals(400, tooNew.statusCode());
    assertTrue(tooNew.bodyAsString().contains("X-MinorVersion"));
  }

  @Test
  void unknownPathAndWrongMethodGetVesBodies() {
    HttpResponse<Buffer> unknown = collector.post("/eventListener/v7/nothing", "{}");
    HttpResponse<Buffer> wrongMethod = collector.get("/eventListener/v7");

    assertEquals(404, unknown.statusCode());
    assertEquals("SVC2004", serviceException(unknown).getString("messageId"));
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("SVC2004", serviceException(wrongMethod).getString("messageId"));
  }

  @Test
  void healthEndpointsAnswer() throws Exception {
    assertEquals(200, collector.get("/healthcheck").statusCode());
    assertEquals(200, collector.get("/health/live").statusCode());
    HttpResponse<Buffer> ready = collector.awaitReady();
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals("UP", ready.bodyAsJsonObject().getString("status"));
    assertEquals("external", ready.bodyAsJsonObject().getString("kafka"), "the test broker is named, not embedded");
    assertEquals(new JsonObject(), ready.bodyAsJsonObject().getJsonObject("unavailableTopics"));
  }

  @Test
  void olderApiVersionsValidateAgainstTheirOwnSchema() {
    String v5 = CollectorHarness.read(Samples.ROOT.resolve("v5/fault.json"));

    HttpResponse<Buffer> accepted = collector.post("/eventListener/v5", v5);
    HttpResponse<Buffer> refusedOnV7 = collector.post("/eventListener/v7", v5);

    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    assertEquals("4", accepted.getHeader("X-MinorVersion"));
    assertEquals(400, refusedOnV7.statusCode());
  }

  static JsonObject serviceException(HttpResponse<Buffer> response) {
    assertEquals("application/json", response.getHeader("Content-Type"));
    return response.bodyAsJsonObject().getJsonObject("requestError").getJsonObject("serviceException");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
