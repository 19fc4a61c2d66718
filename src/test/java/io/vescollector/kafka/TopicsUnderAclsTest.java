package io.vescollector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Topics where ACLs deny Create ({@code kafka.topic.create: false}): the collector only describes its
 * topics, lists the missing ones in readiness, answers their events 503 SVC1000 naming the topic, and
 * notices when they appear. Where it may create, a refused creation is remembered, not retried per event.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class TopicsUnderAclsTest {
  private static final Map<String, String> DESCRIBE_ONLY = Map.of(ConfigKeys.KAFKA_TOPIC_CREATE.name(), "false",
      ConfigKeys.KAFKA_TOPIC_CHECK_INTERVAL_MS.name(), "200");

  @Test
  void aMissingTopicIsListedByReadinessAndItsEventsGet503NamingItUntilItExists(Vertx vertx, TestKafka kafka)
      throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, DESCRIBE_ONLY)) {
      String faults = collector.topicOf("fault");
      String heartbeats = collector.topicOf("heartbeat");
      kafka.createTopic(faults, 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> collector.get("/health/ready").statusCode() == 200);
      JsonObject ready = collector.get("/health/ready").bodyAsJsonObject();
      assertTrue(ready.getJsonObject("unavailableTopics").getString(heartbeats).contains("kafka.topic.create is false"),
          ready.encodePrettily());
      assertFalse(ready.getJsonObject("unavailableTopics").containsKey(faults), ready.encodePrettily());

      assertEquals(202, post(collector, "fault").statusCode());
      HttpResponse<Buffer> refused = post(collector, "heartbeat");
      assertEquals(503, refused.statusCode(), refused.bodyAsString());
      assertTrue(refused.bodyAsString().contains("SVC1000") && refused.bodyAsString().contains(heartbeats),
          refused.bodyAsString());
      assertEquals(1.0, collector.registry().get("ves_events_topic_unavailable").tag("topic", heartbeats).counter()
          .count());
      assertTrue(kafka.consumeAll(heartbeats, Duration.ofMillis(500)).isEmpty(), "the collector did not create it");

      kafka.createTopic(heartbeats, 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> !collector.get("/health/ready").bodyAsJsonObject()
          .getJsonObject("unavailableTopics").containsKey(heartbeats));
      HttpResponse<Buffer> stored = post(collector, "heartbeat");
      assertEquals(202, stored.statusCode(), stored.bodyAsString());
      kafka.consumeRequest(heartbeats, stored.getHeader("X-Request-Id"), 1, Duration.ofSeconds(20));
    }
  }

  @Test
  void withNoTopicToWriteToTheCollectorIsNotReady(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, DESCRIBE_ONLY)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> collector.get("/health/ready").bodyAsJsonObject()
          .getJsonObject("unavailableTopics").containsKey(collector.topicOf("fault")));
      HttpResponse<Buffer> ready = collector.get("/health/ready");
      assertEquals(503, ready.statusCode(), ready.bodyAsString());
      assertEquals("DOWN", ready.bodyAsJsonObject().getString("status"));
      assertTrue(ready.bodyAsJsonObject().getBoolean("reachable"), "Kafka answers; it is the topics that are missing");
    }
  }

  @Test
  void aRefusedCreationIsRememberedAndNotRetriedForEveryEvent(TestKafka kafka) {
    AtomicInteger creations = new AtomicInteger();
    String topic = kafka.uniqueTopic("refused");
    try (ForwardingAdmin admin = new ForwardingAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers())) {
      @Override
      public CreateTopicsResult createTopics(Collection<NewTopic> topics, CreateTopicsOptions options) {
        creations.incrementAndGet();
        return super.createTopics(topics, options);
      }
    }) {
      // Three replicas on a one-broker cluster: Kafka refuses the creation, as an ACL that denies Create does.
      TopicProvisioner provisioner = new TopicProvisioner(admin, 1, (short) 3, 5_000, true, List.of(topic));
      provisioner.prepare(topic);
      provisioner.prepare(topic);
      provisioner.prepare(topic);

      assertEquals(1, creations.get(), "one attempt; the next is the periodic check's");
      String reason = provisioner.unavailable(topic);
      assertNotNull(reason);
      assertTrue(reason.startsWith("Kafka refused to create the topic"), reason);
      assertEquals(Map.of(topic, reason), provisioner.unavailableTopics());
      assertFalse(provisioner.anyMappedTopicUsable());
    }
  }

  @Test
  void theEmbeddedBrokerAndTheCreatingCollectorReportNoMissingTopic(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of())) {
      HttpResponse<Buffer> ready = collector.awaitReady();
      assertEquals(200, ready.statusCode(), ready.bodyAsString());
      assertEquals(new JsonObject(), ready.bodyAsJsonObject().getJsonObject("unavailableTopics"),
          "topics it may create are not missing");
      assertEquals(202, post(collector, "heartbeat").statusCode());
    }
  }

  private static HttpResponse<Buffer> post(CollectorHarness collector, String domain) {
    return collector.post("/eventListener/v7", Samples.event(domain).toString());
  }
}
