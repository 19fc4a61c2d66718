package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vescollector.Collector;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SettingsLoader;
import io.vescollector.testkit.Samples;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With no Kafka to store into, nothing gets a 202: the answer is 503 SVC1000 with Retry-After, in bounded time.
 * Readiness says why only on the management port: Kafka's error names hosts and ports, and probes carry no
 * credentials.
 */
@ExtendWith(VertxExtension.class)
class KafkaUnavailableTest {

  @Test
  void noBrokerMeans503WithRetryAfterAndNotReady(Vertx vertx) throws Exception {
    int deadPort;
    int managementPort;
    try (ServerSocket s = new ServerSocket(0); ServerSocket m = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
      managementPort = m.getLocalPort();
    }
    CollectorConfig config = CollectorConfig.from(new SettingsLoader().load(null, Map.of(), Map.of(
        ConfigKeys.SERVER_PORT.name(), "0",
        ConfigKeys.SERVER_HOST.name(), "127.0.0.1",
        ConfigKeys.SERVER_RESPONSE_TIMEOUT_MS.name(), "1500",
        ConfigKeys.SERVER_MANAGEMENT_PORT.name(), Integer.toString(managementPort),
        ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), "127.0.0.1:" + deadPort)));
    Collector collector = Collector.start(vertx, config);
    WebClient client = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> response = client.post(collector.port(), "127.0.0.1", "/eventListener/v7")
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(Samples.event("fault").toString())).await();

      assertEquals(503, response.statusCode(), response.bodyAsString());
      assertNotNull(response.getHeader("Retry-After"));
      assertEquals("SVC1000", SingleEventEndpointTest.serviceException(response).getString("messageId"));
      HttpResponse<Buffer> ready = client.get(collector.port(), "127.0.0.1", "/health/ready").send().await();
      assertEquals(503, ready.statusCode());
      assertEquals(new JsonObject().put("status", "DOWN").put("kafka", "external").put("reachable", false)
              .put("unavailableTopics", new JsonObject()),
          ready.bodyAsJsonObject(), "the VES port tells no more than down, and no exception text");
      HttpResponse<Buffer> detailed = client.get(managementPort, "127.0.0.1", "/health/ready").send().await();
      assertEquals(503, detailed.statusCode());
      assertNotNull(detailed.bodyAsJsonObject().getString("reason"), detailed.bodyAsString());
      assertEquals(200, client.get(collector.port(), "127.0.0.1", "/health/live").send().await().statusCode());
    } finally {
      client.close();
      collector.close();
    }
  }
}
