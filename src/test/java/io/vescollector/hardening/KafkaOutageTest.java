package io.vescollector.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault injection against the real broker: under a steady load of events with unique eventIds the
 * broker is stopped, kept down a few seconds and started again. Every event answered 202 must be in
 * Kafka (duplicates allowed, no loss), every other request must have had an error answer (no hang),
 * readiness must follow the broker, and the collector must recover without a restart.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class KafkaOutageTest {
  private static final int CLIENTS = 4;
  private static final long RESPONSE_TIMEOUT_MS = 2_000;
  /** Events answered 202 that show the load running: before the outage, and again after it. */
  private static final int STEADY_ACCEPTED = 200;
  /** 503 answers that show the clients met the outage, not just its start: two per client. */
  private static final int OUTAGE_UNAVAILABLE = 2 * CLIENTS;

  @Test
  void brokerDownThenBackLosesNothingThatWasAcceptedAndAnswersEveryRequest(Vertx vertx, TestKafka kafka) throws Exception {
    assumeTrue(kafka.canStopAndRestart(), "the test broker (" + kafka + ") cannot be stopped and restarted here");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.SERVER_RESPONSE_TIMEOUT_MS.name(), Long.toString(RESPONSE_TIMEOUT_MS),
        ConfigKeys.KAFKA_HEALTH_INTERVAL_MS.name(), "300"))) {
      String topic = collector.topicOf("fault");
      Load load = new Load(vertx, collector);
      try {
        assertEquals(202, collector.post("/eventListener/v7", event("warmup")).statusCode());
        load.start();
        await("the load is under way").atMost(Duration.ofSeconds(30))
            .until(() -> load.acceptedIds().size() >= STEADY_ACCEPTED);
        kafka.stopBroker();
        awaitReadiness(collector, 503, Duration.ofSeconds(15), "readiness turns false while the broker is down");
        await("requests during the outage are answered 503").atMost(Duration.ofSeconds(30))
            .until(() -> load.unavailable.get() >= OUTAGE_UNAVAILABLE);
        kafka.restartBroker();
        load.markRestarted();
        awaitReadiness(collector, 200, Duration.ofSeconds(30), "readiness turns true again once the broker is back");
        await("events are accepted again after the restart").atMost(Duration.ofSeconds(30))
            .until(() -> load.acceptedAfterRestart.get() >= STEADY_ACCEPTED);
      } finally {
        if (!kafka.isBrokerRunning()) {
          kafka.restartBroker();
        }
        load.stop();
      }

      Set<String> accepted = load.acceptedIds();
      Map<String, Integer> stored = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : kafka.consumeAll(topic, Duration.ofSeconds(3))) {
        JsonNode id = Samples.JSON.readTree(r.value()).path("event").path("commonEventHeader").path("eventId");
        stored.merge(id.asText(), 1, Integer::sum);
      }
      List<String> lost = new ArrayList<>();
      accepted.forEach(id -> {
        if (!stored.containsKey(id)) {
          lost.add(id);
        }
      });
      long duplicates = stored.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
      long storedAfterError = load.refusedIds().stream().filter(stored::containsKey).count();
      System.out.printf("[KafkaOutageTest] sent=%d 202=%d 503=%d other=%d noAnswer=%d | in Kafka: distinct=%d"
              + " duplicates=%d storedDespite503=%d lost=%d | 202 after the restart=%d%n",
          load.sent.get(), accepted.size(), load.unavailable.get(), load.other.get(), load.noAnswer.get(),
          stored.size(), duplicates, storedAfterError, lost.size(), load.acceptedAfterRestart.get());

      assertTrue(lost.isEmpty(), "events answered 202 but not in Kafka: " + lost);
      assertEquals(0, load.noAnswer.get(), "every request got an answer");
      assertEquals(0, load.other.get(), "only 202 or 503");
      assertTrue(load.unavailable.get() > 0, "requests during the outage were answered 503");
      assertTrue(load.acceptedAfterRestart.get() > 0, "the collector recovered by itself");
      assertEquals(load.sent.get(), accepted.size() + load.unavailable.get() + load.other.get() + load.noAnswer.get());
    }
  }

  private static void awaitReadiness(CollectorHarness collector, int status, Duration timeout, String what) {
    await(what).atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> collector.get("/health/ready").statusCode() == status);
  }

  private static String event(String id) {
    ObjectNode event = Samples.event("fault");
    Samples.header(event).put("eventId", id);
    return event.toString();
  }

  /** {@value CLIENTS} client loops, each sending the next event when the previous one is answered. */
  private static final class Load {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger other = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger acceptedAfterRestart = new AtomicInteger();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean restarted = new AtomicBoolean();
    private final Vertx vertx;
    private final CollectorHarness collector;
    private final List<Future<Void>> loops = new ArrayList<>();

    Load(Vertx vertx, CollectorHarness collector) {
      this.vertx = vertx;
      this.collector = collector;
    }

    void start() {
      for (int c = 0; c < CLIENTS; c++) {
        Promise<Void> done = Promise.promise();
        loops.add(done.future());
        int client = c;
        vertx.runOnContext(v -> next(client, 0, done));
      }
    }

    private void next(int client, int n, Promise<Void> done) {
      if (!running.get()) {
        done.complete();
        return;
      }
      String id = "outage-" + client + "-" + n;
      sent.incrementAndGet();
      collector.client().post("/eventListener/v7").putHeader("Content-Type", "application/json")
          .timeout(RESPONSE_TIMEOUT_MS * 5)
          .sendBuffer(Buffer.buffer(event(id))).onComplete(result -> {
            if (result.failed()) {
              noAnswer.incrementAndGet();
            } else if (result.result().statusCode() == 202) {
              accepted.add(id);
              if (restarted.get()) {
                acceptedAfterRestart.incrementAndGet();
              }
            } else if (result.result().statusCode() == 503) {
              unavailable.incrementAndGet();
              refused.add(id);
            } else {
              other.incrementAndGet();
              System.out.println("[KafkaOutageTest] unexpected " + result.result().statusCode() + ": "
                  + result.result().bodyAsString());
            }
            next(client, n + 1, done);
          });
    }


    void markRestarted() {
      restarted.set(true);
    }

    void stop() throws Exception {
      running.set(false);
      Future.all(loops).toCompletionStage().toCompletableFuture().get(RESPONSE_TIMEOUT_MS * 10, TimeUnit.MILLISECONDS);
    }

    Set<String> acceptedIds() {
      return accepted;
    }

    Set<String> refusedIds() {
      return refused;
    }
  }
}
