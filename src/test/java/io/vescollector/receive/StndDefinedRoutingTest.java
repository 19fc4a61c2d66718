package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** stndDefined events route by namespace; a missing namespace is SVC2006; an unmapped one is a setting. */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class StndDefinedRoutingTest {

  @Test
  void eachKnownNamespaceHasItsTopicAndUnknownOnesFallBack(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of())) {
      for (String namespace : new String[] {"3GPP-FaultSupervision", "3GPP-Heartbeat", "3GPP-Provisioning",
          "3GPP-PerformanceAssurance", "ACME-Proprietary"}) {
        HttpResponse<Buffer> response = collector.post("/eventListener/v7", withNamespace(namespace).toString());

        assertEquals(202, response.statusCode(), namespace + ": " + response.bodyAsString());
        kafka.consumeRequest(collector.topicOfNamespace(namespace), response.getHeader("X-Request-Id"), 1,
            Duration.ofSeconds(20));
      }
      assertEquals(collector.config().routing().fallbackTopic(), collector.topicOfNamespace("ACME-Proprietary"));
    }
  }

  @Test
  void unmappedNamespaceIsRefusedWhenConfiguredSo(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka,
        Map.of(ConfigKeys.ROUTING_UNMAPPED_NAMESPACE.name(), "reject"))) {
      HttpResponse<Buffer> response = collector.post("/eventListener/v7", withNamespace("ACME-Proprietary").toString());

      assertEquals(400, response.statusCode());
      assertEquals("SVC2004", SingleEventEndpointTest.serviceException(response).getString("messageId"));
    }
  }

  @Test
  void missingOrEmptyNamespaceIsSvc2006(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of())) {
      HttpResponse<Buffer> missing = collector.postFile("/eventListener/v7",
          Samples.ROOT.resolve("invalid/stnddefined-missing-namespace.json"));
      HttpResponse<Buffer> empty = collector.post("/eventListener/v7", withNamespace("").toString());

      JsonObject missingException = SingleEventEndpointTest.serviceException(missing);
      assertEquals(400, missing.statusCode());
      assertEquals("SVC2006", missingException.getString("messageId"));
      assertEquals("[\"attribute\",\"event.commonEventHeader.stndDefinedNamespace\"]",
          missingException.getJsonArray("variables").encode());
      assertEquals(400, empty.statusCode());
      assertEquals("Mandatory input %1 %2 is empty in request",
          SingleEventEndpointTest.serviceException(empty).getString("text"));
    }
  }

  private static ObjectNode withNamespace(String namespace) {
    ObjectNode event = Samples.event("stndDefined");
    Samples.header(event).put("stndDefinedNamespace", namespace);
    return event;
  }
}
