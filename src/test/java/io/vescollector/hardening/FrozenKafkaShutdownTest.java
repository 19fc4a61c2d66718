package io.vescollector.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.testkit.ChildJvm;
import io.vescollector.testkit.PrometheusText;
import io.vescollector.testkit.Samples;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server.shutdownGraceMs bounds the whole shutdown: with its Kafka broker frozen (SIGSTOP), a collector
 * told to stop (SIGTERM) while a request waits for Kafka answers it without a 202 and exits, with
 * status 0, within the grace period. Broker and collector are processes of their own, so that they
 * can be signalled as operators and faults do.
 */
class FrozenKafkaShutdownTest {
  private static final long GRACE_MS = 4_000;
  /** The JVM's own exit and the signal's delivery, on a busy two-core machine. */
  private static final long EXIT_ALLOWANCE_MS = 2_000;

  @Test
  void sigtermWithKafkaFrozenExitsWithinTheGracePeriod(@TempDir Path dir) throws Exception {
    int brokerPort = freePort();
    int collectorPort = freePort();
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, "server:\n  shutdownGraceMs: " + GRACE_MS + "\n  responseTimeoutMs: 30000\n"
        + "  host: 127.0.0.1\nstndDefined:\n  enabled: false\n");
    try (ChildJvm broker = ChildJvm.start("broker", dir.resolve("broker.log"), List.of("-Xmx384m"),
             "broker", "--port", Integer.toString(brokerPort), "--data-dir", dir.resolve("kafka").toString(),
             "--partitions", "1");
         ChildJvm collector = ChildJvm.start("collector", dir.resolve("collector.log"), List.of("-Xmx256m"),
             "serve", "--config", config.toString(), "--port", Integer.toString(collectorPort),
             "--kafka-bootstrap", "127.0.0.1:" + brokerPort)) {
      broker.awaitListening(brokerPort, Duration.ofSeconds(90));
      collector.awaitListening(collectorPort, Duration.ofSeconds(90));
      HttpClient http = HttpClient.newHttpClient();
      URI events = URI.create("http://127.0.0.1:" + collectorPort + "/eventListener/v7");
      await().atMost(Duration.ofSeconds(60)).until(() -> post(http, events).join().statusCode() == 202);

      broker.freeze();
      CompletableFuture<HttpResponse<String>> waiting = post(http, events);
      await().atMost(Duration.ofSeconds(20)).until(() -> inFlightEvents(http, collectorPort) > 0);

      long start = System.nanoTime();
      collector.terminate();
      int status = collector.awaitExit(Duration.ofMillis(GRACE_MS + 30_000));
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertEquals(0, status, "exit status; the collector's log:\n" + collector.tail());
      assertTrue(tookMs <= GRACE_MS + EXIT_ALLOWANCE_MS, "SIGTERM to exit took " + tookMs + " ms with a grace period of "
          + GRACE_MS + " ms; the collector's log:\n" + collector.tail());
      int answered = waiting.handle((r, e) -> r == null ? -1 : r.statusCode()).join();
      assertNotEquals(202, answered, "an event Kafka never stored was answered 202");
    }
  }

  private static CompletableFuture<HttpResponse<String>> post(HttpClient http, URI uri) {
    return http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Samples.event("fault").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double inFlightEvents(HttpClient http, int port) throws IOException, InterruptedException {
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return PrometheusText.sum(metrics, "ves_inflight_events ");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
