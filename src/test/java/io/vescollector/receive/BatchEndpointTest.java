package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /eventListener/v7/eventBatch: a batch is validated whole, then every event becomes one record. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchEndpointTest {
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();
  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();

  @Test
  void everyEventOfAValidBatchIsStoredAsItsOwnRecord() throws Exception {
    HttpResponse<Buffer> response = collector.postFile("/eventListener/v7/eventBatch", Samples.v7("batch-fault"));

    assertEquals(202, response.statusCode(), response.bodyAsString());
    List<ConsumerRecord<String, byte[]>> records = kafka.consumeRequest(collector.topicOf("fault"),
        response.getHeader("X-Request-Id"), 3, Duration.ofSeconds(20));
    assertEquals(3, records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      ObjectNode value = (ObjectNode) Samples.JSON.readTree(record.value());
      assertEquals(record.key(), value.path("event").path("commonEventHeader").path("sourceName").asText());
      assertTrue(value.path("event").has("faultFields"));
    }
  }

  @Test
  void mixedDomainsAreRefusedWithSvc0001AndNothingIsPublished() {
    HttpResponse<Buffer> response = collector.postFile("/eventListener/v7/eventBatch",
        Samples.ROOT.resolve("invalid/batch-mixed-domains.json"));

    assertEquals(400, response.statusCode());
    JsonObject exception = SingleEventEndpointTest.serviceException(response);
    assertEquals("SVC0001", exception.getString("messageId"));
    assertEquals("Different value of domain fields in Batch Event", exception.getString("text"));
    assertNothingPublishedFor(response.getHeader("X-Request-Id"), "fault", "heartbeat", "measurement");
  }

  @Test
  void stndDefinedBatchWithTwoNamespacesIsRefusedWithSvc0001() {
    ObjectNode first = (ObjectNode) Samples.event("stndDefined").get("event");
    ObjectNode second = first.deepCopy();
    ((ObjectNode) second.get("commonEventHeader")).put("stndDefinedNamespace", "3GPP-Provisioning");
    ObjectNode batch = Samples.JSON.createObjectNode();
    batch.putArray("eventList").add(first).add(second);

    HttpResponse<Buffer> response = collector.post("/eventListener/v7/eventBatch", batch.toString());

    assertEquals(400, response.statusCode());
    assertEquals("SVC0001", SingleEventEndpointTest.serviceException(response).getString("messageId"));
    assertTrue(response.bodyAsString().contains("stndDefinedNamespace"));
  }

  @Test
  void oneInvalidEventRejectsTheWholeBatchAndPointsAtIt() {
    ObjectNode batch = Samples.tree(Samples.v7("batch-fault"));
    ArrayNode list = (ArrayNode) batch.get("eventList");
    ((ObjectNode) list.get(2).get("commonEventHeader")).put("sequence", "seven");

    HttpResponse<Buffer> response = collector.post("/eventListener/v7/eventBatch", batch.toString());

    assertEquals(400, response.statusCode());
    String variables = SingleEventEndpointTest.serviceException(response).getJsonArray("variables").encode();
    assertTrue(variables.contains("/eventList/2/commonEventHeader/sequence"), variables);
    assertNothingPublishedFor(response.getHeader("X-Request-Id"), "fault");
  }

  @Test
  void aSingleEventBodySentToTheBatchEndpointIsRefused() {
    HttpResponse<Buffer> response = collector.postFile("/eventListener/v7/eventBatch", Samples.v7("fault"));

    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsString().contains("eventList"));
  }

  @Test
  void emptyBatchIsRefused() {
    HttpResponse<Buffer> response = collector.post("/eventListener/v7/eventBatch", "{\"eventList\": []}");

    assertEquals(400, response.statusCode());
    assertEquals("SVC0002", SingleEventEndpointTest.serviceException(response).getString("messageId"));
  }

  private void assertNothingPublishedFor(String requestId, String... domains) {
    for (String domain : domains) {
      long found = kafka.consumeAll(collector.topicOf(domain), Duration.ofMillis(300)).stream()
          .filter(r -> r.headers().lastHeader("ves-request-id") != null
              && requestId.equals(new String(r.headers().lastHeader("ves-request-id").value())))
          .count();
      assertEquals(0, found, "records of refused request " + requestId + " in " + domain);
    }
  }
}
