package io.vescollector.receive;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.LogCapture;
import io.vescollector.testkit.Samples;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code logging.accessLog: true}: one line per request, carrying the answer's X-Request-Id. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessLogTest {
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.with(Map.of(
      ConfigKeys.LOGGING_ACCESS_LOG.name(), "true"));
  private final CollectorHarness collector = COLLECTOR.harness();

  @Test
  void anAcceptedEventIsLoggedWithItsRequestIdStatusAndClient() throws Exception {
    try (LogCapture log = new LogCapture()) {
      HttpResponse<Buffer> response = collector.post("/eventListener/v7", CollectorHarness.read(Samples.v7("heartbeat")));
      assertEquals(202, response.statusCode(), response.bodyAsString());
      String id = response.getHeader("X-Request-Id");
      assertNotNull(id);
      String line = await().atMost(Duration.ofSeconds(10)).until(() -> lineWith(log, "id=" + id), l -> l != null);
      assertTrue(line.startsWith("INFO " + AccessLog.LOGGER + " - "), line);
      assertTrue(line.contains(" method=POST path=/eventListener/v7 status=202 bytes=0 durationMs="), line);
      assertTrue(line.endsWith(" client=127.0.0.1"), line);
    }
  }

  @Test
  void aRefusalAndAPathWithoutRequestIdAreLoggedToo() throws Exception {
    try (LogCapture log = new LogCapture()) {
      HttpResponse<Buffer> refused = collector.post("/eventListener/v7", "{\"event\":");
      assertEquals(400, refused.statusCode());
      String id = refused.getHeader("X-Request-Id");
      String line = await().atMost(Duration.ofSeconds(10)).until(() -> lineWith(log, "id=" + id), l -> l != null);
      assertTrue(line.contains(" status=400 bytes=" + refused.body().length() + " "), line);

      HttpResponse<Buffer> unknown = collector.post("/nowhere", "{}");
      assertEquals(404, unknown.statusCode());
      String other = await().atMost(Duration.ofSeconds(10)).until(() -> lineWith(log, "path=/nowhere"), l -> l != null);
      assertTrue(other.contains("id=- method=POST path=/nowhere status=404"), other);
    }
  }

  private static String lineWith(LogCapture log, String text) {
    List<String> lines = log.linesOf(AccessLog.LOGGER);
    return lines.stream().filter(l -> l.contains(text)).findFirst().orElse(null);
  }
}
