package io.vescollector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerTest {

  @TempDir
  Path tmp;

  @Test
  void idempotentAcksAllProducerRoundTrip() throws Exception {
    long t0 = System.nanoTime();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null, 3)) {
      log("start (temp dir)", t0);
      assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"));
      assertEquals("127.0.0.1:" + broker.port(), broker.bootstrapServers());
      assertTrue(Files.exists(broker.dataDir().resolve("meta.properties")));

      long t1 = System.nanoTime();
      produce(broker, "roundtrip", "k1", "hello");
      List<ConsumerRecord<String, byte[]>> got = consume(broker, "roundtrip", 1, Duration.ofSeconds(30));
      log("first produce + consume", t1);
      assertEquals("k1", got.get(0).key());
      assertEquals("hello", new String(got.get(0).value(), StandardCharsets.UTF_8));
      // auto-created with the default partition count
      assertEquals(3, partitions(broker, "roundtrip").size());

      Path dir = broker.dataDir();
      long t2 = System.nanoTime();
      broker.close();
      log("close", t2);
      assertFalse(Files.exists(dir), "temp dir deleted on close");
      broker.close(); // idempotent
    }
  }

  @Test
  void stopAndRestartKeepsRecordsAndPort() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, tmp.resolve("kafka"), 1)) {
      int port = broker.port();
      produce(broker, "outage", "a", "before");

      long t0 = System.nanoTime();
      broker.stop();
      log("stop", t0);
      assertFalse(broker.isRunning());
      assertTrue(portFree(port), "port released while stopped");
      broker.stop(); // no-op

      long t1 = System.nanoTime();
      broker.restart();
      log("restart", t1);
      assertEquals(port, broker.port());
      produce(broker, "outage", "b", "after");
      assertEquals(List.of("before", "after"), values(consume(broker, "outage", 2, Duration.ofSeconds(30))));
    }
  }

  @Test
  void occupiedPortFailsWithClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      IOException e = assertThrows(IOException.class, () -> EmbeddedKafkaBroker.start(port, null, 1));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("already in use"),
          e.getMessage());
    }
    // restart() on a port taken while stopped fails clearly too
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null, 1)) {
      broker.stop();
      try (ServerSocket taken = new ServerSocket()) {
        taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), broker.port()));
        RuntimeException e = assertThrows(RuntimeException.class, broker::restart);
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());
      }
    }
  }

  @Test
  void persistentDataDirSurvivesNewInstance() throws Exception {
    Path dir = tmp.resolve("data");
    String clusterId;
    int controllerPort;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(0, dir, 2)) {
      produce(first, "persist", "k", "one");
      produce(first, "persist", "k", "two");
      clusterId = clusterId(dir);
      controllerPort = first.controllerPort();
    }
    assertTrue(Files.exists(dir.resolve("meta.properties")), "persistent dir kept on close");

    // Occupy the old controller port so that the new instance must use a different one.
    try (ServerSocket blocker = new ServerSocket()) {
      blocker.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), controllerPort));
      long t0 = System.nanoTime();
      try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(0, dir, 2)) {
        log("start on existing data dir", t0);
        assertNotEquals(controllerPort, second.controllerPort());
        assertEquals(clusterId, clusterId(dir), "not reformatted");
        produce(second, "persist", "k", "three");
        assertEquals(List.of("one", "two", "three"),
            values(consume(second, "persist", 3, Duration.ofSeconds(30))));
      }
    }
  }

  // --- helpers ---

  private static void log(String what, long t0) {
    System.out.printf("[EmbeddedKafkaBrokerTest] %s: %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }

  private static String clusterId(Path dir) throws IOException {
    return Files.readAllLines(dir.resolve("meta.properties")).stream()
        .filter(l -> l.startsWith("cluster.id=")).findFirst().orElseThrow();
  }

  private static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static RecordMetadata produce(EmbeddedKafkaBroker broker, String topic, String key, String value)
      throws Exception {
    Map<String, Object> cfg = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(cfg, new StringSerializer(), new ByteArraySerializer())) {
      return p.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafkaBroker broker) {
    Map<String, Object> cfg = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return new KafkaConsumer<>(cfg, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static List<PartitionInfo> partitions(EmbeddedKafkaBroker broker, String topic) {
    try (KafkaConsumer<String, byte[]> c = consumer(broker)) {
      return c.partitionsFor(topic, Duration.ofSeconds(10));
    }
  }

  private static List<ConsumerRecord<String, byte[]>> consume(EmbeddedKafkaBroker broker, String topic, int count,
                                Duration timeout) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer(broker)) {
      List<TopicPartition> tps = c.partitionsFor(topic, timeout).stream()
          .map(pi -> new TopicPartition(pi.topic(), pi.partition())).collect(Collectors.toList());
      c.assign(tps);
      c.seekToBeginning(tps);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    assertEquals(count, out.size(), "records on " + topic);
    out.sort((a, b) -> Long.compare(a.offset(), b.offset())); // tests write one key: one partition
    return out;
  }

  private static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toList());
  }
}
