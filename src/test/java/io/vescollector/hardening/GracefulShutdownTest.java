package io.vescollector.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.RequestHeadCounter;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing the collector (what SIGTERM does) stops accepting connections at once, lets a request
 * that is still arriving finish with 202 and its event stored, and then returns.
 */
@ExtendWith(KafkaBrokerExtension.class)
class GracefulShutdownTest {

  @Test
  void inFlightRequestCompletesAndNewConnectionsAreRefusedOnceCloseBegins(TestKafka kafka) throws Exception {
    RequestHeadCounter heads = new RequestHeadCounter();
    Vertx vertx = heads.vertx();
    try {
      CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of());
      int port = collector.port();
      String topic = collector.topicOf("fault");
      ObjectNode event = Samples.event("fault");
      Samples.header(event).put("eventId", "shutdown-" + System.nanoTime());
      byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
      assertEquals(202, collector.post("/eventListener/v7", event.toString()).statusCode(), "topic created");
      int headsBefore = heads.begun();

      try (RawHttp inFlight = new RawHttp(port)) {
        inFlight.send(RawHttp.head("/eventListener/v7", "Content-Type: application/json", "Content-Length: " + body.length))
            .send(Arrays.copyOf(body, body.length / 2));
        // The server must have read the request's head first: a connection that has not yet begun a request is
        // idle, and a graceful shutdown rightly closes idle connections.
        await("the server reads the request's head").atMost(Duration.ofSeconds(10))
            .until(() -> heads.begun() > headsBefore);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(collector::close);

        await("new connections are refused once close begins").atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20)).until(() -> refusesConnections(port));
        assertTrue(!closing.isDone(), "close waits for the request in flight");

        inFlight.send(Arrays.copyOfRange(body, body.length / 2, body.length));
        RawHttp.Answer answer = inFlight.read(15_000);
        assertEquals(202, answer.status(), answer.body());
        String requestId = answer.header("X-Request-Id");
        closing.get(30, TimeUnit.SECONDS);
        assertEquals(1, kafka.consumeRequest(topic, requestId, 1, Duration.ofSeconds(20)).size());
      }
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    } finally {
      vertx.close().await();
    }
  }

  private static boolean refusesConnections(int port) {
    try (Socket probe = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException refused) {
      return true;
    }
  }
}
