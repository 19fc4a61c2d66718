package io.vescollector.streaming;

import static io.vescollector.streaming.StreamingSamples.BASE;
import static io.vescollector.streaming.StreamingSamples.performance;
import static io.vescollector.streaming.StreamingSamples.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When Kafka cannot keep up the WebSocket stops reading, and nothing is lost once Kafka is back. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class StreamingBackPressureTest {
  private static final int METRICS = 1000; // ~8 KB units, so socket buffers fill after a few hundred
  private static final int MAX_UNITS = 5000;

  @Test
  void withKafkaDownTheProducerIsPushedBackAndEveryUnitIsStoredInOrderOnceKafkaIsBack(Vertx vertx, TestKafka kafka)
      throws Exception {
    try (CollectorHarness collector = collectorWithKafkaToStop(vertx, kafka, 20)) {
      Stream stream = Stream.open(vertx, collector, kafka);
      String streamId = stream.id();
      String topic = stream.topic();
      WebSocket ws = stream.ws();

      kafka.stopBroker();
      int sent = 1;
      try {
        ws.setWriteQueueMaxSize(64 * 1024);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sent < MAX_UNITS && System.nanoTime() < deadline) {
          if (ws.writeQueueFull() && !drainsWithin(ws, Duration.ofMillis(200))) {
            break;
          }
          ws.writeBinaryMessage(Buffer.buffer(unit(streamId, sent)));
          sent++;
        }
        assertTrue(sent < MAX_UNITS && ws.writeQueueFull(),
            "the target kept reading while Kafka was down: " + sent + " units accepted");
      } finally {
        kafka.restartBroker();
      }
      System.out.println("[backpressure] pushed back after " + sent + " units");
      int expected = sent;
      List<ConsumerRecord<String, byte[]>> stored = stream.stored(kafka, expected);
      List<Long> ends = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : stored) {
        String end = new JsonObject(Buffer.buffer(r.value())).getString("endTime");
        ends.add(Instant.parse(end).toEpochMilli());
      }
      List<Long> inOrder = new ArrayList<>(ends);
      inOrder.sort(null);
      assertEquals(expected, ends.size());
      assertEquals(inOrder, ends, "units of one stream were stored out of order");
      assertEquals(expected, ends.stream().distinct().count(), "a unit was stored twice");
      ws.close().await();
      stream.client().close().await();
    }
  }

  @Test
  void unitsSentBeforeTheProducersCloseFrameAreStoredEvenWhileReadingIsPaused(Vertx vertx, TestKafka kafka)
      throws Exception {
    try (CollectorHarness collector = collectorWithKafkaToStop(vertx, kafka, 4)) {
      Stream stream = Stream.open(vertx, collector, kafka);

      // The target pauses after 4 units wait for Kafka; the next 8 wait in Vert.x's read queue (below the
      // 16 at which it stops reading the socket), so the Close frame is read while they wait.
      int units = 13;
      kafka.stopBroker();
      try {
        for (int n = 1; n < units; n++) {
          stream.ws().writeBinaryMessage(Buffer.buffer(unit(stream.id(), n))).await();
        }
        stream.ws().close((short) 1000, "done").await(); // terminateStreamingConnection right behind the units
        // Kafka stays down until the target has read the Close frame, so the units wait behind it
        await("the target reads the Close frame").atMost(Duration.ofSeconds(10))
            .until(() -> collector.registry().get("streaming_websockets_open").gauge().value() == 0);
      } finally {
        kafka.restartBroker();
      }

      List<ConsumerRecord<String, byte[]>> stored = stream.stored(kafka, units);
      assertEquals(units, stored.size(), "units sent before the Close frame were lost");
      stream.client().close().await();
    }
  }

  /**
   * Whether the write queue drains within {@code wait}, as it does while the target still reads: a target that
   * pushes back leaves it full.
   */
  private static boolean drainsWithin(WebSocket ws, Duration wait) {
    try {
      await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> !ws.writeQueueFull());
      return true;
    } catch (ConditionTimeoutException stillFull) {
      return false;
    }
  }

  /** A collector on a broker the test can stop, with a small in-flight bound; skips on any other broker. */
  private static CollectorHarness collectorWithKafkaToStop(Vertx vertx, TestKafka kafka, int maxPendingUnits) {
    assumeTrue(kafka.canStopAndRestart(), "needs a broker it can stop and restart (the embedded one), not " + kafka);
    return CollectorHarness.start(vertx, kafka, Map.of(ConfigKeys.KAFKA_MAX_IN_FLIGHT_EVENTS.name(), "50",
        ConfigKeys.STREAMING_MAX_PENDING_UNITS.name(), String.valueOf(maxPendingUnits)));
  }

  /**
   * A connection with one PM stream of {@link #METRICS} metrics, its WebSocket open, its first unit stored;
   * {@code told} collects the collector's text frames (units it could not store), for failure messages.
   */
  private record Stream(String id, String topic, WebSocketClient client, WebSocket ws, List<String> told) {
    static Stream open(Vertx vertx, CollectorHarness collector, TestKafka kafka) {
      String[] metrics = new String[METRICS];
      for (int i = 0; i < METRICS; i++) {
        metrics[i] = "m" + i;
      }
      String streamId = "PM-" + System.nanoTime();
      String location = collector.post(BASE + "/connections", request(performance(streamId, "ME=1", metrics)).encode())
          .getHeader("Location");
      String topic = collector.config().streaming().topics().of(StreamType.PERFORMANCE);
      WebSocketClient client = vertx.createWebSocketClient();
      WebSocket ws = client.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws"))).await();
      List<String> told = new CopyOnWriteArrayList<>();
      ws.textMessageHandler(told::add);
      ws.writeBinaryMessage(Buffer.buffer(unit(streamId, 0))).await();
      kafka.consumeMatching(topic, r -> streamId.equals(r.key()), 1, Duration.ofSeconds(20));
      return new Stream(streamId, topic, client, ws, told);
    }

    /** The stream's records in Kafka; if fewer than {@code count} arrive, the failure quotes what the collector said. */
    List<ConsumerRecord<String, byte[]>> stored(TestKafka kafka, int count) {
      try {
        return kafka.consumeMatching(topic, r -> id.equals(r.key()), count, Duration.ofSeconds(60));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; the collector told the producer: " + told, e);
      }
    }
  }

  private static byte[] unit(String streamId, int n) {
    double[] values = new double[METRICS];
    for (int i = 0; i < METRICS; i++) {
      values[i] = n * 1000 + i;
    }
    return StreamingSamples.pmUnit(streamId, 1_000_000L + n * 60_000L, values);
  }
}
