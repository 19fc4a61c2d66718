package io.vescollector.kafka;

import static io.vescollector.streaming.StreamingSamples.BASE;
import static io.vescollector.streaming.StreamingSamples.performance;
import static io.vescollector.streaming.StreamingSamples.request;
import static io.vescollector.testkit.SecuredKafka.COLLECTOR;
import static io.vescollector.testkit.SecuredKafka.Mechanism.MUTUAL_TLS;
import static io.vescollector.testkit.SecuredKafka.Mechanism.SCRAM_SHA_512;
import static io.vescollector.testkit.SecuredKafka.NOBODY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vescollector.cli.Main;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.LogCapture;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.SecuredKafka.Mechanism;
import io.vescollector.testkit.SecuredKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The collector against a broker secured as a Strimzi cluster is ({@link SecuredKafka}): SCRAM-SHA-512 over TLS or
 * mutual TLS, secrets read from mounted files by Kafka's config providers, ACLs that let its user write, describe and
 * read its topics but deny Create, so the topics are the operator's ({@code kafka.topic.create=false}).
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private SecuredKafka kafka;
  private Path dir;

  @BeforeAll
  void startSecuredBroker(@TempDir Path dir) {
    this.dir = dir;
    kafka = SecuredKafka.start(dir);
  }

  @AfterAll
  void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  // --- the cluster is secured as claimed ------------------------------------------------------------------------

  @Test
  void theCollectorsUserLogsInOnBothListenersButMayNotCreateTopics() {
    for (Mechanism mechanism : Mechanism.values()) {
      Map<String, Object> cfg = new HashMap<>(kafka.clientProperties(mechanism, COLLECTOR));
      cfg.put("bootstrap.servers", kafka.bootstrap(mechanism));
      try (Admin admin = Admin.create(cfg)) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> admin.createTopics(
            List.of(new NewTopic(kafka.uniquePrefix() + "not-allowed", 1, (short) 1))).all().get(30, TimeUnit.SECONDS),
            mechanism + ": Create is denied");
        assertInstanceOf(TopicAuthorizationException.class, e.getCause(), mechanism + ": " + e.getCause());
      }
    }
  }

  // --- the collector's user gets in and stores ---------------------------------------------------------------

  @Test
  void scramSha512OverTlsWithThePasswordFromAMountedFileStoresAnEventInItsPreCreatedTopic(Vertx vertx) throws IOException {
    try (CollectorHarness collector = collector(vertx, SCRAM_SHA_512, kafka.clientProperties(SCRAM_SHA_512, COLLECTOR))) {
      assertStoresAFault(collector);
    }
  }

  @Test
  void mutualTlsWithTheCertificateFromAMountedSecretStoresAnEventInItsPreCreatedTopic(Vertx vertx) throws IOException {
    try (CollectorHarness collector = collector(vertx, MUTUAL_TLS, kafka.clientProperties(MUTUAL_TLS, COLLECTOR))) {
      assertStoresAFault(collector);
    }
  }

  @Test
  void theStreamingConnectionStoreKeepsConnectionsInItsPreCreatedCompactedTopic(Vertx vertx) {
    try (CollectorHarness collector = collector(vertx, SCRAM_SHA_512, kafka.clientProperties(SCRAM_SHA_512, COLLECTOR))) {
      HttpResponse<Buffer> created = collector.post(BASE + "/connections",
          request(performance("26F452550021", "ManagedElement=1,NRCellDU=1", "DRB.UEThpDl")).toString());
      assertEquals(201, created.statusCode(), created.bodyAsString());
      String location = created.getHeader("Location");
      assertNotNull(location);
      String id = location.substring(location.lastIndexOf('/') + 1);

      HttpResponse<Buffer> read = collector.get(location.substring(location.indexOf(BASE)));
      assertEquals(200, read.statusCode(), read.bodyAsString());
      HttpResponse<Buffer> list = collector.get(BASE + "/connections");
      assertEquals(200, list.statusCode(), list.bodyAsString());
      assertTrue(list.bodyAsString().contains(id), list.bodyAsString());
      String topic = collector.config().streaming().connectionsTopic();
      List<ConsumerRecord<String, byte[]>> stored = readAsSuperUser(topic, 1);
      assertEquals(id, stored.get(0).key(), "the connection is stored under its id");
    }
  }

  // --- the consume tool reads the secured topics with the same settings --------------------------------------

  @Test
  void consumeReadsTheSecuredTopicWithAKafkaPropertiesFile() {
    String topic = kafka.uniquePrefix() + "faults";
    kafka.createTopics(List.of(topic));
    List<String> ids = produceFaultsAsSuperUser(topic, 3);
    Path properties = kafka.writeProperties(dir.resolve("consumer-scram.properties"),
        kafka.clientProperties(SCRAM_SHA_512, COLLECTOR));

    Run run = consume("--kafka-config", properties.toString(), "--bootstrap", kafka.bootstrap(SCRAM_SHA_512),
        "--topic", topic, "--from-beginning", "--max", "3", "--format", "json", "--timeout", "20s");

    assertEquals(0, run.exitCode, run.toString());
    assertEquals(ids, run.eventIds(), run.toString());
  }

  @Test
  void consumeJoinsAConsumerGroupUnderThePrefixTheAclsAllow() {
    String prefix = kafka.uniquePrefix();
    String topic = prefix + "faults";
    kafka.createTopics(List.of(topic));
    List<String> ids = produceFaultsAsSuperUser(topic, 2);
    Path properties = kafka.writeProperties(dir.resolve("consumer-group.properties"),
        kafka.clientProperties(SCRAM_SHA_512, COLLECTOR));

    Run run = consume("--kafka-config", properties.toString(), "--bootstrap", kafka.bootstrap(SCRAM_SHA_512),
        "--topic", topic, "--group", prefix + "readers", "--from-beginning", "--max", "2", "--format", "json",
        "--timeout", "20s");

    assertEquals(0, run.exitCode, run.toString());
    assertEquals(ids, run.eventIds(), run.toString());
  }

  @Test
  void consumeReadsTheSecuredTopicWithTheCollectorsYamlIncludingItsBootstrapServers() throws IOException {
    String topic = kafka.uniquePrefix() + "faults";
    kafka.createTopics(List.of(topic));
    List<String> ids = produceFaultsAsSuperUser(topic, 2);
    StringBuilder yaml = new StringBuilder("kafka:\n  bootstrapServers: " + kafka.bootstrap(MUTUAL_TLS) + "\n  common:\n");
    kafka.clientProperties(MUTUAL_TLS, COLLECTOR).forEach((k, v) -> yaml.append("    ").append(k).append(": '")
        .append(v.replace("'", "''")).append("'\n"));
    Path config = Files.writeString(dir.resolve("collector-mtls.yaml"), yaml);

    Run run = consume("--kafka-config", config.toString(), "--topic", topic, "--from-beginning", "--max", "2",
        "--format", "json", "--timeout", "20s");

    assertEquals(0, run.exitCode, run.toString());
    assertEquals(ids, run.eventIds(), run.toString());
  }

  // --- refused clients: no 202, not ready, and a log line that says why -------------------------------------

  @Test
  void aWrongPasswordAnswersEvents503Svc1000AndReadinessIs503(Vertx vertx) {
    try (LogCapture log = new LogCapture();
         CollectorHarness collector = withWrongPassword(vertx, "collector-wrong", "not-the-password")) {
      HttpResponse<Buffer> event = collector.post("/eventListener/v7", Samples.event("fault").toString());
      HttpResponse<Buffer> ready = collector.get("/health/ready");
      assertAll(
          () -> assertEquals(503, event.statusCode(), event.bodyAsString()),
          () -> assertTrue(event.bodyAsString().contains("SVC1000"), event.bodyAsString()),
          () -> assertEquals(503, ready.statusCode(), ready.bodyAsString()),
          () -> assertTrue(log.lines().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("authentication failed")),
              "something logs that authentication failed"));
    }
  }

  /** The operator needs the collector's own log to name the cause, not only the Kafka client's. */
  @Test
  void aWrongPasswordIsLoggedByTheCollectorAsAnAuthenticationFailure(Vertx vertx) {
    try (LogCapture log = new LogCapture();
         CollectorHarness collector = withWrongPassword(vertx, "collector-wrong-2", "not-the-password-either")) {
      collector.post("/eventListener/v7", Samples.event("fault").toString()); // its answer is the test above's
      Awaitility.await("a collector log line naming the authentication failure").atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> {
            List<String> own = log.linesOf("io.vescollector");
            assertTrue(own.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("authentication")),
                "the collector logged:\n" + String.join("\n", own));
          });
    }
  }

  @Test
  void aUserWithoutAnyAclGetsEvents503Svc1000(Vertx vertx) {
    try (CollectorHarness collector = collector(vertx, SCRAM_SHA_512, kafka.clientProperties(SCRAM_SHA_512, NOBODY),
        fastFailure())) {
      assertEvents503Svc1000(collector);
    }
  }

  /** A collector that can reach Kafka but may not write its topics cannot store: it must not take traffic. */
  @Test
  void aUserWithoutAnyAclIsNotReady(Vertx vertx) {
    try (LogCapture log = new LogCapture();
         CollectorHarness collector = collector(vertx, MUTUAL_TLS, kafka.clientProperties(MUTUAL_TLS, NOBODY),
             fastFailure())) {
      // by the time an event is refused, readiness has been checked many times (kafka.healthIntervalMs: 200)
      assertEvents503Svc1000(collector);
      Awaitility.await("readiness 503").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        HttpResponse<Buffer> ready = collector.get("/health/ready");
        assertEquals(503, ready.statusCode(), "readiness of a user without rights: " + ready.bodyAsString()
            + "\ncollector log:\n" + String.join("\n", log.linesOf("io.vescollector")));
      });
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** Requests answer sooner when Kafka refuses; readiness is checked often. */
  private static Map<String, String> fastFailure() {
    return Map.of(ConfigKeys.SERVER_RESPONSE_TIMEOUT_MS.name(), "5000", "kafka.healthIntervalMs", "200");
  }

  private CollectorHarness collector(Vertx vertx, Mechanism mechanism, Map<String, String> clientProperties) {
    return collector(vertx, mechanism, clientProperties, Map.of());
  }

  /**
   * A collector on {@code mechanism}'s listener, configured only through {@code kafka.common.*}, with
   * {@code kafka.topic.create=false} and its topics (under a fresh prefix the ACLs cover) created by the operator.
   */
  private CollectorHarness collector(Vertx vertx, Mechanism mechanism, Map<String, String> clientProperties,
                                     Map<String, String> extra) {
    Map<String, String> topics = CollectorHarness.topicsWithPrefix(kafka.uniquePrefix());
    String connections = topics.get(ConfigKeys.STREAMING_CONNECTIONS_TOPIC.name());
    kafka.createCompactedTopic(connections);
    kafka.createTopics(topics.values().stream().filter(t -> !t.equals(connections)).toList());
    Map<String, String> overrides = new HashMap<>(topics);
    overrides.putAll(SecuredKafka.asCollectorSettings(clientProperties));
    overrides.put(ConfigKeys.KAFKA_TOPIC_CREATE.name(), "false");
    overrides.put(ConfigKeys.KAFKA_EMBEDDED_ENABLED.name(), "false");
    overrides.putAll(extra);
    return CollectorHarness.start(vertx, kafka.bootstrap(mechanism), overrides);
  }

  /** The collector's user with a wrong password, read from the mounted file {@code passwordFile}, failing fast. */
  private CollectorHarness withWrongPassword(Vertx vertx, String passwordFile, String password) {
    Path wrong = kafka.writePasswordFile(passwordFile, password);
    return collector(vertx, SCRAM_SHA_512, kafka.clientProperties(SCRAM_SHA_512, COLLECTOR, wrong), fastFailure());
  }

  private void assertStoresAFault(CollectorHarness collector) throws IOException {
    Awaitility.await("ready").atMost(WAIT).until(() -> collector.get("/health/ready").statusCode() == 200);
    JsonNode event = Samples.event("fault");
    HttpResponse<Buffer> r = collector.post("/eventListener/v7", event.toString());
    assertEquals(202, r.statusCode(), r.bodyAsString());
    List<ConsumerRecord<String, byte[]>> stored = readAsSuperUser(collector.topicOf("fault"), 1);
    JsonNode value = Samples.JSON.readTree(stored.get(0).value());
    assertEquals(event.at("/event/commonEventHeader/eventId").asText(), value.at("/event/commonEventHeader/eventId").asText());
  }

  private static void assertEvents503Svc1000(CollectorHarness collector) {
    HttpResponse<Buffer> r = collector.post("/eventListener/v7", Samples.event("fault").toString());
    assertEquals(503, r.statusCode(), r.bodyAsString());
    assertTrue(r.bodyAsString().contains("SVC1000"), r.bodyAsString());
  }

  /** Reads a topic from the beginning through the PLAINTEXT (super user) listener until {@code count} arrived. */
  private List<ConsumerRecord<String, byte[]>> readAsSuperUser(String topic, int count) {
    Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.plaintextBootstrap(),
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(cfg,
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      Awaitility.await(count + " record(s) on " + topic).atMost(WAIT).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
        return out.size() >= count;
      });
    }
    return out;
  }

  private List<String> produceFaultsAsSuperUser(String topic, int count) {
    List<String> ids = new ArrayList<>();
    Map<String, Object> cfg = Map.of("bootstrap.servers", kafka.plaintextBootstrap());
    try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        var event = Samples.event("fault");
        String id = "secured-" + i;
        ((ObjectNode) event.at("/event/commonEventHeader")).put("eventId", id);
        p.send(new ProducerRecord<>(topic, id, event.toString())).get();
        ids.add(id);
      }
    } catch (Exception e) {
      throw new IllegalStateException("setup: producing to " + topic + " failed", e);
    }
    return ids;
  }

  private static Run consume(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("consume"));
    all.addAll(Arrays.asList(args));
    int code = cmd.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {
    List<String> eventIds() {
      return Arrays.stream(out.split("\\R")).filter(l -> !l.isBlank())
          .map(l -> new JsonObject(l).getJsonObject("event").getJsonObject("commonEventHeader").getString("eventId"))
          .toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }
}
