package io.vescollector.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /metrics in Prometheus text format: what was accepted, refused and published, and how long it took. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class MetricsEndpointTest {

  @Test
  void countsRequestsEventsRecordsAndLatencies(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of())) {
      assertEquals(202, collector.post("/eventListener/v7", Samples.event("fault").toString()).statusCode());
      assertEquals(202, collector.post("/eventListener/v7", Samples.event("fault").toString()).statusCode());
      assertEquals(400, collector.post("/eventListener/v7", "{oops").statusCode());
      var badPriority = Samples.event("heartbeat");
      Samples.header(badPriority).put("priority", "Urgent");
      assertEquals(400, collector.post("/eventListener/v7", badPriority.toString()).statusCode());
      assertEquals(404, collector.post("/eventListener/v9", "{}").statusCode());

      String text = scrape(collector.get("/metrics"));
      assertEquals(2.0, value(text, "ves_requests_total\\{status=\"202\",version=\"v7\"\\}"), text);
      assertEquals(2.0, value(text, "ves_requests_total\\{status=\"400\",version=\"v7\"\\}"));
      assertEquals(1.0, value(text, "ves_requests_total\\{status=\"404\",version=\"other\"\\}"), "unknown versions share one series");
      assertEquals(2.0, value(text, "ves_events_accepted_total\\{domain=\"fault\"\\}"));
      assertEquals(2.0, value(text, "ves_events_rejected_total\\{domain=\"unknown\",reason=\"SVC0002\"\\}"));
      String topic = Pattern.quote(collector.topicOf("fault"));
      assertEquals(2.0, value(text, "ves_records_published_total\\{topic=\"" + topic + "\"\\}"));
      assertTrue(value(text, "ves_publish_latency_seconds_count\\{outcome=\"ok\"\\}") >= 2);
      assertTrue(text.contains("ves_publish_latency_seconds_bucket{outcome=\"ok\",le=\"0.005\"}"), "a histogram");
      assertTrue(value(text, "ves_event_age_seconds_count") >= 2);
      assertEquals(0.0, value(text, "ves_inflight_events"));
      assertTrue(text.contains("kafka_producer_"), "the producer's own metrics are bound");
    }
  }

  @Test
  void healthAndMetricsCanHaveTheirOwnPort(Vertx vertx, TestKafka kafka) throws Exception {
    int managementPort;
    try (ServerSocket s = new ServerSocket(0)) {
      managementPort = s.getLocalPort();
    }
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka,
        Map.of(ConfigKeys.SERVER_MANAGEMENT_PORT.name(), Integer.toString(managementPort)))) {
      WebClient management = WebClient.create(vertx);
      HttpResponse<Buffer> metrics = management.get(managementPort, "127.0.0.1", "/metrics").send().await();
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.bodyAsString().contains("ves_inflight_events"));
      // Readiness turns true once the background Kafka check has answered.
      await("readiness on the management port").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertEquals(200,
              management.get(managementPort, "127.0.0.1", "/health/ready").send().await().statusCode()));
      assertEquals(404, collector.get("/metrics").statusCode(), "not on the VES port");
      management.close();
    }
  }

  private static String scrape(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode());
    return response.bodyAsString();
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(text);
    assertTrue(m.find(), "no series " + series);
    return Double.parseDouble(m.group(1));
  }
}
