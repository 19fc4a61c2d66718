package io.vescollector.streaming.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.FreePort;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.InFlight;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.streaming.StreamInfoValidator;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store's own life: a topic that appears after the store started, another collector's view of the same
 * topic, and a close when Kafka was never reached.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class ConnectionStoreTest {
  private static final long SYNC_TIMEOUT_MS = 2_000;
  private final ConnectionJson json = new ConnectionJson(new ObjectMapper(), new StreamInfoValidator());

  @Test
  void aStoreStartedBeforeItsTopicExistsFollowsItOnceTheOperatorCreatesIt(Vertx vertx, TestKafka kafka)
      throws Exception {
    String topic = kafka.uniqueTopic("connections");
    try (Admin admin = Admin.create(kafka.clientSettings().forAdmin());
         ProducerPublisher publisher = new ProducerPublisher(kafka.bootstrapServers());
         ConnectionStore first = start(vertx, admin, kafka.clientSettings(), topic, false, publisher)) {
      ExecutionException missing = assertThrows(ExecutionException.class, () -> await(first.sync()));
      assertTrue(missing.getCause().getMessage().contains("could not be read within"), missing.getCause().toString());

      kafka.createTopic(topic, 1);
      ConnectionInfo connection = new ConnectionInfo("c-1", "http://collector/c-1", "DN=producer", List.of(), "alice");
      Awaitility.await("a write once the topic exists").atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> {
            await(first.put(connection));
            return true;
          });
      assertEquals(Optional.of(connection), first.get("c-1"), "a write is read back at once");

      try (ConnectionStore second = start(vertx, admin, kafka.clientSettings(), topic, false, publisher)) {
        assertEquals(Optional.of(connection), await(second.find("c-1")), "another collector reads it from the start");
        await(first.remove("c-1"));
        assertEquals(Optional.empty(), first.get("c-1"));
        Awaitility.await("the other collector sees the tombstone").atMost(Duration.ofSeconds(10))
            .until(() -> second.get("c-1").isEmpty());
        assertEquals(Optional.empty(), await(second.find("c-2")), "an unknown id is unknown, not an error");
      }
    }
  }

  @Test
  void aStoreThatNeverReachedKafkaClosesPromptly(Vertx vertx) throws Exception {
    KafkaClientSettings nowhere = KafkaClientSettings.plain("127.0.0.1:" + FreePort.on("127.0.0.1"));
    try (Admin admin = Admin.create(nowhere.forAdmin());
         ProducerPublisher publisher = new ProducerPublisher(nowhere.bootstrapServers())) {
      ConnectionStore store = start(vertx, admin, nowhere, "connections", true, publisher);
      ExecutionException unread = assertThrows(ExecutionException.class, () -> await(store.sync()));
      assertTrue(unread.getCause().getMessage().contains("could not be read within"), unread.getCause().toString());
      long start = System.nanoTime();
      store.close(Duration.ofSeconds(5));
      long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(closeMs < 1_000, "closed in " + closeMs + " ms");
    }
  }

  private ConnectionStore start(Vertx vertx, Admin admin, KafkaClientSettings clients, String topic,
                                boolean createTopic, EventPublisher publisher) {
    return ConnectionStore.start(vertx, admin, clients, topic, createTopic, (short) 1, publisher, json,
        SYNC_TIMEOUT_MS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Stores each record with a plain producer: what the store needs of the collector's publisher. */
  private static final class ProducerPublisher implements EventPublisher {
    private final KafkaProducer<byte[], byte[]> producer;

    ProducerPublisher(String bootstrapServers) {
      producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<Void> publish(List<OutgoingRecord> records) {
      List<Future<Void>> sent = records.stream().map(r -> {
        Promise<Void> acked = Promise.<Void>promise();
        try {
          producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), (metadata, error) -> {
            if (error == null) {
              acked.complete();
            } else {
              acked.fail(error);
            }
          });
        } catch (RuntimeException e) {
          acked.fail(e);
        }
        return acked.future();
      }).toList();
      return Future.all(sent).mapEmpty();
    }

    @Override
    public InFlight inFlight() {
      return new InFlight(1, 1);
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(1));
    }
  }
}
