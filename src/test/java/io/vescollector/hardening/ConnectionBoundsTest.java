package io.vescollector.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.PrometheusText;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One client address holding connections open cannot take the listener from the others: it holds at
 * most {@code server.maxConnectionsPerAddress}, its further connections are answered 503 and closed,
 * and everyone else goes on being served. Behind a TCP load balancer the PROXY protocol gives each
 * connection its real client address. Clients here are distinct loopback addresses (127.0.0.0/8).
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class ConnectionBoundsTest {
  private static final String V7 = "/eventListener/v7";
  private static final int PER_ADDRESS = 4;
  private static final int PROCESS = 12;

  @Test
  void anAddressHoldingMoreIdleConnectionsThanTheProcessBoundStarvesNobody(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.SERVER_MAX_CONNECTIONS.name(), Integer.toString(PROCESS),
        ConfigKeys.SERVER_MAX_CONNECTIONS_PER_ADDRESS.name(), Integer.toString(PER_ADDRESS)))) {
      List<RawHttp> idle = new ArrayList<>();
      try {
        for (int i = 0; i < PROCESS + 5; i++) {
          idle.add(new RawHttp("127.0.0.2", collector.port()));
        }
        // Connections are counted as the event loops accept them: the address's bound is reached.
        await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.sum(collector.get("/metrics").bodyAsString(),
            "ves_connections_refused_total{bound=\"address\"") > 0);

        RawHttp.Answer other = postFrom("127.0.0.3", collector.port());
        assertEquals(202, other.status(), "another address is served: " + other.body());

        RawHttp.Answer same = postFrom("127.0.0.2", collector.port());
        assertEquals(503, same.status(), same.body());
        assertTrue(same.body().contains("SVC1000") && same.body().contains(PER_ADDRESS + " connections at most from one "
            + "address (127.0.0.2)"), same.body());
      } finally {
        for (RawHttp socket : idle) {
          socket.close();
        }
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertEquals(202, postFrom("127.0.0.2", collector.port()).status(), "served again once it let go"));
    }
  }

  @Test
  void connectionsBeyondABoundAreClosedEvenWhenTheySendNothing(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.SERVER_MAX_CONNECTIONS_PER_ADDRESS.name(), "1"))) {
      try (RawHttp counted = new RawHttp("127.0.0.4", collector.port())) {
        counted.send(request(event()));
        assertEquals(202, counted.read(10_000).status(), "the first connection counts");
        try (RawHttp beyond = new RawHttp("127.0.0.4", collector.port())) {
          assertTrue(beyond.closedWithin(10_000), "an uncounted idle connection was left open");
        }
        counted.send(request(event()));
        assertEquals(202, counted.read(10_000).status(), "the counted one is still served");
      }
    }
  }

  @Test
  void behindAProxyTheProxyProtocolAddressIsBoundedAndRecorded(Vertx vertx, TestKafka kafka) throws Exception {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.SERVER_PROXY_PROTOCOL.name(), "true",
        ConfigKeys.SERVER_MAX_CONNECTIONS_PER_ADDRESS.name(), "1"))) {
      String eventId = "proxied-" + UUID.randomUUID();
      try (RawHttp first = new RawHttp(collector.port()); RawHttp second = new RawHttp(collector.port());
           RawHttp otherClient = new RawHttp(collector.port())) {
        first.send(proxyHeader("198.51.100.7") + request(event(eventId)));
        assertEquals(202, first.read(10_000).status());

        second.send(proxyHeader("198.51.100.7") + request(event()));
        RawHttp.Answer refused = second.read(10_000);
        assertEquals(503, refused.status(), "the proxy's address is shared; the client's is bounded: " + refused.body());
        assertTrue(refused.body().contains("(198.51.100.7)"), refused.body());

        otherClient.send(proxyHeader("203.0.113.9") + request(event()));
        assertEquals(202, otherClient.read(10_000).status());
      }
      String stored = new String(kafka.consumeMatching(collector.topicOf("fault"),
          r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId), 1, Duration.ofSeconds(20)).get(0).value(),
          StandardCharsets.UTF_8);
      assertEquals("198.51.100.7", Samples.JSON.readTree(stored).path("event").path("commonEventHeader")
          .path("internalHeaderFields").path("receivedFrom").asText());

      try (RawHttp noHeader = new RawHttp(collector.port())) {
        noHeader.send(request(event()));
        assertTrue(noHeader.closedWithin(10_000), "a connection without the PROXY header is closed");
      }
    }
  }

  private static String proxyHeader(String client) {
    return "PROXY TCP4 " + client + " 127.0.0.1 40000 8080\r\n";
  }

  private static RawHttp.Answer postFrom(String address, int port) throws IOException {
    try (RawHttp http = new RawHttp(address, port)) {
      http.send(request(event()));
      return http.read(10_000);
    }
  }

  private static String event() {
    return event("bounds-" + UUID.randomUUID());
  }

  private static String event(String eventId) {
    ObjectNode event = Samples.event("fault");
    ((ObjectNode) event.path("event").path("commonEventHeader")).put("eventId", eventId);
    return event.toString();
  }

  private static String request(String body) {
    return RawHttp.head(V7, "Content-Type: application/json",
        "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length) + body;
  }

}
