package io.vescollector.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.CommandRun;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code consume} shows why each request in the rejected topic was refused, beside the body as received. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumeRejectedTest {
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.with(kafka -> Map.of(
      ConfigKeys.ROUTING_REJECTED_TOPIC.name(), kafka.uniqueTopic("ves-rejected")));

  private final CollectorHarness collector = COLLECTOR.harness();
  private final TestKafka kafka = COLLECTOR.kafka();
  private final String topic = collector.config().routing().rejectedTopic();
  private String body;
  private String requestId;
  private Path config;

  @BeforeAll
  void refuseOne(@TempDir Path dir) throws Exception {
    ObjectNode fault = Samples.event("fault");
    Samples.header(fault).remove("sourceName");
    body = fault.toString().replace("\"eventName\"", "\t\"eventName\""); // a tab between tokens: valid JSON
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", body);
    assertEquals(400, response.statusCode(), response.bodyAsString());
    requestId = response.getHeader("X-Request-Id");
    kafka.consumeRequest(topic, requestId, 1, Duration.ofSeconds(30)); // stored before the tool reads
    config = dir.resolve("collector.yaml");
    Files.writeString(config, "routing:\n  rejectedTopic: " + topic + "\n");
  }

  @Test
  void jsonShowsTheRefusalAndTheBodyAsReceived() throws Exception {
    CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
        "--from-beginning", "--max", "1", "--timeout", "20s", "--format", "json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(1, run.lines().size(), run.toString());
    JsonNode line = Samples.JSON.readTree(run.lines().get(0));
    JsonNode rejected = line.path("rejected");
    assertEquals(400, rejected.path("status").asInt(), line.toString());
    assertEquals("SVC0002", rejected.path("messageId").asText());
    assertTrue(rejected.path("reason").asText().contains("/event/commonEventHeader/sourceName"), line.toString());
    assertEquals(requestId, rejected.path("requestId").asText());
    assertEquals("127.0.0.1", rejected.path("sourceAddress").asText());
    assertEquals(body, line.path("body").asText());
  }

  @Test
  void rejectedReadsTheConfiguredTopicAndPrettyNamesTheReason() {
    CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--config", config.toString(),
        "--rejected", "--from-beginning", "--max", "1", "--timeout", "20s", "--format", "pretty");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("--- " + topic + "  partition "), run.out());
    assertTrue(run.out().contains("\nrejected: 400 SVC0002: Bad Parameter"), run.out());
    assertTrue(run.out().contains("/event/commonEventHeader/sourceName"), run.out());
  }

  @Test
  void rejectedWithoutAConfiguredTopicSaysSo(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("collector.yaml");
    Files.writeString(empty, "routing:\n  fallbackTopic: x\n");
    CommandRun run = CommandRun.of("consume", "--bootstrap", kafka.bootstrapServers(), "--config", empty.toString(),
        "--rejected", "--timeout", "1s");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("routing.rejectedTopic is not set"), run.toString());
  }
}
