package io.vescollector.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@link EmbeddedKafkaBroker} nodes form one cluster: the same cluster id, three replicas and two in
 * sync for topics created without a factor, unclean election off, and acks=all writes that go on with one
 * node stopped. (The fault harness runs them as processes; here they share the test JVM.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaClusterNodesTest {
  @TempDir
  Path tmp;

  @Test
  void threeNodesFormOneClusterWithThreeReplicasAndTwoInSync() throws Exception {
    int[] ports = freePorts(6);
    String voters = "1@127.0.0.1:" + ports[1] + ",2@127.0.0.1:" + ports[3] + ",3@127.0.0.1:" + ports[5];
    List<CompletableFuture<EmbeddedKafkaBroker>> starting = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      int node = n;
      // A node serves clients once a majority of the voters runs: start them side by side.
      starting.add(CompletableFuture.supplyAsync(() -> startNode(node, ports[2 * (node - 1)], voters)));
    }
    List<EmbeddedKafkaBroker> nodes = new ArrayList<>();
    try {
      for (CompletableFuture<EmbeddedKafkaBroker> s : starting) {
        nodes.add(s.get(90, TimeUnit.SECONDS));
      }
      String bootstrap = String.join(",", nodes.stream().map(EmbeddedKafkaBroker::bootstrapServers).toList());
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        assertEquals(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        admin.createTopics(List.of(new NewTopic("replicated", Optional.of(2), Optional.empty())))
            .all().get(30, TimeUnit.SECONDS);
        // Each broker learns of a new topic from the metadata log on its own: the one asked may not know it yet.
        TopicDescription topic = await("the topic's description").atMost(Duration.ofSeconds(30))
            .ignoreExceptionsInstanceOf(ExecutionException.class)
            .until(() -> admin.describeTopics(List.of("replicated")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("replicated"), t -> true);
        topic.partitions().forEach(p -> assertEquals(3, p.replicas().size(), "replicas of " + p));
        Config config = await("the topic's configuration").atMost(Duration.ofSeconds(30))
            .ignoreExceptionsInstanceOf(ExecutionException.class)
            .until(() -> admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "replicated")))
                .all().get(30, TimeUnit.SECONDS).values().iterator().next(), c -> true);
        assertEquals("2", config.get("min.insync.replicas").value());
        assertEquals("false", config.get("unclean.leader.election.enable").value());

        produce(bootstrap, "before");
        nodes.get(2).stop(); // controlled shutdown; two replicas are still in sync
        produce(bootstrap, "one node stopped");
      }
    } finally {
      // Side by side: a node stopping after the majority is gone waits minutes for a controlled shutdown.
      CompletableFuture.allOf(starting.stream().map(s -> s.thenAcceptAsync(EmbeddedKafkaBroker::close))
          .toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDataDirectoryOfAnotherNodeIsRefusedBeforeStarting() throws Exception {
    int[] ports = freePorts(4);
    String voters = "1@127.0.0.1:" + ports[1] + ",2@127.0.0.1:" + ports[3];
    ClusterNode one = ClusterNode.parse(1, voters, null);
    ClusterNode two = ClusterNode.parse(2, voters, null);
    Path dir = tmp.resolve("node-1");
    try (EmbeddedKafkaBroker single = EmbeddedKafkaBroker.start(0, dir, 1)) {
      assertTrue(single.isRunning()); // formats the directory for a single-node cluster of its own
    }
    IOException foreign = assertThrows(IOException.class, () -> EmbeddedKafkaBroker.startClusterNode(ports[0], dir, 1,
        one, ReplicationDefaults.forCluster(2)));
    assertTrue(foreign.getMessage().contains("belongs to cluster"), foreign.getMessage());
    IOException otherNode = assertThrows(IOException.class, () -> EmbeddedKafkaBroker.startClusterNode(ports[2],
        tmp.resolve("node-1"), 1, two, ReplicationDefaults.forCluster(2)));
    assertTrue(otherNode.getMessage().contains("give this node a directory of its own"), otherNode.getMessage());
  }

  private EmbeddedKafkaBroker startNode(int node, int port, String voters) {
    try {
      return EmbeddedKafkaBroker.startClusterNode(port, tmp.resolve("node-" + node), 1,
          ClusterNode.parse(node, voters, null), ReplicationDefaults.forCluster(3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void produce(String bootstrap, String value) throws Exception {
    Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
      p.send(new ProducerRecord<>("replicated", value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }
}
