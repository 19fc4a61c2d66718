package io.vescollector.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.vescollector.kafka.EmbeddedKafkaBroker;
import io.vescollector.kafka.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;


/**
 * Handle on the one real Kafka broker of this test JVM, injected by {@link KafkaBrokerExtension}. The broker is
 * shared by all tests: use {@link #uniqueTopic(String)} so that tests do not see each other's records.
 */
public final class TestKafka {

  private static final AtomicInteger TOPIC_COUNTER = new AtomicInteger();
  private static final Duration POLL = Duration.ofMillis(100);

  private final String bootstrapServers;
  private final EmbeddedKafkaBroker embedded; // null for a container
  private final String description;
  private Admin admin;

  TestKafka(String bootstrapServers, EmbeddedKafkaBroker embedded, String description) {
    this.bootstrapServers = bootstrapServers;
    this.embedded = embedded;
    this.description = description;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Client settings for this broker, as the collector and its tools take them: an open broker needs no others. */
  public KafkaClientSettings clientSettings() {
    return KafkaClientSettings.plain(bootstrapServers);
  }

  /** A fresh, valid topic name per call: {@code <prefix>-<n>-<random>}. */
  public String uniqueTopic(String prefix) {
    String p = prefix == null || prefix.isBlank() ? "test" : prefix.replaceAll("[^a-zA-Z0-9._-]", "_");
    if (p.length() > 200) {
      p = p.substring(0, 200);
    }
    String rnd = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    return p + "-" + TOPIC_COUNTER.incrementAndGet() + "-" + rnd;
  }

  /** Creates a topic with one replica and waits for the controller to accept it. */
  public void createTopic(String topic, int partitions) {
    try {
      admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create topic " + topic + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out creating topic " + topic + " on " + description, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads {@code topic} from the beginning of all its partitions until {@code count} records arrived, waiting for the
   * topic to exist if needed. Fails the test if fewer arrived within {@code timeout}. Records are ordered by
   * partition, then offset.
   */
  public List<ConsumerRecord<String, byte[]>> consume(String topic, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      List<TopicPartition> tps = awaitPartitions(c, topic, deadline);
      if (tps.isEmpty()) {
        fail("Expected " + count + " record(s) on topic '" + topic + "' within " + timeout
            + " but the topic does not exist (0 arrived) on " + description);
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      while (out.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        c.poll(min(POLL, left)).forEach(out::add);
      }
    }
    if (out.size() < count) {
      fail("Expected " + count + " record(s) on topic '" + topic + "' within " + timeout + " but only "
          + out.size() + " arrived on " + description);
    }
    return sorted(out);
  }

  /**
   * Reads {@code topic} from the beginning until {@code count} records matching {@code filter} arrived; for
   * tests that share a topic and pick out their own records (for example by request id).
   */
  public List<ConsumerRecord<String, byte[]>> consumeMatching(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                              int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      List<TopicPartition> tps = awaitPartitions(c, topic, deadline);
      if (!tps.isEmpty()) {
        c.assign(tps);
        c.seekToBeginning(tps);
        while (out.size() < count && System.nanoTime() < deadline) {
          c.poll(min(POLL, deadline - System.nanoTime())).forEach(r -> {
            if (filter.test(r)) {
              out.add(r);
            }
          });
        }
      }
    }
    if (out.size() < count) {
      fail("Expected " + count + " matching record(s) on topic '" + topic + "' within " + timeout + " but only "
          + out.size() + " arrived on " + description);
    }
    return sorted(out);
  }

  /** Records of {@code topic} whose {@code ves-request-id} header is {@code requestId}. */
  public List<ConsumerRecord<String, byte[]>> consumeRequest(String topic, String requestId, int count, Duration timeout) {
    byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
    return consumeMatching(topic, r -> {
      var h = r.headers().lastHeader("ves-request-id");
      return h != null && Arrays.equals(h.value(), id);
    }, count, timeout);
  }

  /**
   * Reads everything on {@code topic} from the beginning until no new record arrived for {@code quiet} (and at least
   * the records present when reading started were read). Returns an empty list if the topic does not appear within
   * {@code quiet}. Records are ordered by partition, then offset.
   */
  public List<ConsumerRecord<String, byte[]>> consumeAll(String topic, Duration quiet) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      List<TopicPartition> tps = awaitPartitions(c, topic, System.nanoTime() + quiet.toNanos());
      if (tps.isEmpty()) {
        return out;
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(30));
      long hardDeadline = System.nanoTime() + quiet.toNanos() + TimeUnit.SECONDS.toNanos(60);
      long lastRecord = System.nanoTime();
      while (System.nanoTime() < hardDeadline) {
        var records = c.poll(POLL);
        records.forEach(out::add);
        if (!records.isEmpty()) {
          lastRecord = System.nanoTime();
        } else if (System.nanoTime() - lastRecord >= quiet.toNanos() && caughtUp(c, end)) {
          break;
        }
      }
    }
    return sorted(out);
  }

  /** True for the embedded broker; a Testcontainers broker cannot be stopped and restarted on the same port. */
  public boolean canStopAndRestart() {
    return embedded != null;
  }

  /**
   * Stops the shared broker (Kafka outage tests). The extension restarts it after the test if the test did not, but
   * tests that stop the broker must not run in parallel with other Kafka tests.
   */
  public void stopBroker() {
    requireEmbedded().stop();
  }

  /** Starts the broker again on the same port with its data. */
  public void restartBroker() {
    requireEmbedded().restart();
  }

  /** Whether the broker runs (always true for a container). */
  public boolean isBrokerRunning() {
    return embedded == null || embedded.isRunning();
  }

  @Override
  public String toString() {
    return description;
  }

  // --- internals ---

  private EmbeddedKafkaBroker requireEmbedded() {
    if (embedded == null) {
      throw new UnsupportedOperationException("The broker (" + description + ") cannot be stopped and restarted;"
          + " check canStopAndRestart() first, e.g. assumeTrue(kafka.canStopAndRestart())");
    }
    return embedded;
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
    return admin;
  }

  synchronized void closeClients() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> cfg = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // reading must not create the topic with default settings behind the test's back
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(cfg, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Partitions of the topic, polling metadata until it exists or the deadline passes (then empty). */
  private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> c, String topic, long deadline) {
    Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(1)));
    try {
      // the consumer is not for concurrent use: its metadata is asked from this thread
      return await().atMost(left).dontCatchUncaughtExceptions().pollInSameThread()
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
          .until(() -> partitions(c, topic, deadline), tps -> !tps.isEmpty());
    } catch (ConditionTimeoutException notThere) {
      return List.of();
    }
  }

  /** The topic's partitions as the cluster's metadata has them now; empty while it does not exist. */
  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic, long deadline) {
    List<PartitionInfo> infos;
    try {
      infos = c.partitionsFor(topic, Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(1))));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      infos = List.of();
    }
    return infos == null ? List.of()
        : infos.stream().map(pi -> new TopicPartition(pi.topic(), pi.partition())).collect(Collectors.toList());
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Duration min(Duration d, long nanos) {
    return nanos < d.toNanos() ? Duration.ofNanos(nanos) : d;
  }

  private static List<ConsumerRecord<String, byte[]>> sorted(List<ConsumerRecord<String, byte[]>> records) {
    records.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    return records;
  }
}
