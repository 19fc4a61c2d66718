package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's first acceptance case: the heartbeat example quoted in the 3GPP contribution that started
 * the project, POSTed to /eventListener/v7, lands enriched in ONAP's heartbeat topic.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class SeedHeartbeatTest {
  private static final Path SEED = Path.of("../shared/seeds/003_28bc2931c329caef.txt");

  @Test
  void seedHeartbeatIsAcceptedAndStoredEnrichedInSecHeartbeatOutput(Vertx vertx, TestKafka kafka) throws Exception {
    assumeTrue(Files.isRegularFile(SEED), "skipped: " + SEED + " is absent (a plain clone without ../shared)");
    String body = seedEvent(Files.readString(SEED));
    try (CollectorHarness collector = CollectorHarness.startWithDefaultTopics(vertx, kafka)) {
      HttpResponse<Buffer> response = collector.post("/eventListener/v7", body);

      assertEquals(202, response.statusCode(), response.bodyAsString());
      JsonNode stored = Samples.JSON.readTree(kafka.consumeRequest("unauthenticated.SEC_HEARTBEAT_OUTPUT",
          response.getHeader("X-Request-Id"), 1, Duration.ofSeconds(20)).get(0).value());
      JsonNode header = stored.path("event").path("commonEventHeader");
      assertEquals("heartbeat0000249", header.path("eventId").asText());
      assertFalse(header.path("internalHeaderFields").path("collectorTimeStamp").asText().isEmpty());
      assertEquals(Samples.tree(Samples.v7("heartbeat-seed")).path("event").path("commonEventHeader").path("sourceName"),
          header.path("sourceName"));
    }
  }

  /** The JSON example of the seed, with its typographic quotes made plain. */
  static String seedEvent(String seed) {
    int start = seed.indexOf('{', seed.indexOf("is given in [13]"));
    int end = seed.lastIndexOf('}');
    return seed.substring(start, end + 1).replace('\u201C', '"').replace('\u201D', '"');
  }
}
