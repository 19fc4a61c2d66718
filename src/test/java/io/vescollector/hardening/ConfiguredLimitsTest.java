package io.vescollector.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limits an operator configures are the ones enforced: batch size, body size, nesting, connections. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfiguredLimitsTest {
  @RegisterExtension
  static final CollectorExtension COLLECTOR = CollectorExtension.with(Map.of(
      ConfigKeys.SERVER_MAX_BATCH_EVENTS.name(), "2",
      ConfigKeys.SERVER_MAX_BODY_BYTES.name(), "20000",
      ConfigKeys.SERVER_MAX_CONNECTIONS.name(), "3",
      ConfigKeys.PARSE_MAX_NESTING_DEPTH.name(), "12"));
  private final CollectorHarness collector = COLLECTOR.harness();

  @Test
  void batchWithMoreEventsThanAllowedIs413AndOneWithinIsAccepted() {
    ObjectNode batch = Samples.tree(Samples.v7("batch-fault"));
    ArrayNode list = (ArrayNode) batch.get("eventList");
    while (list.size() > 2) {
      list.remove(list.size() - 1);
    }
    assertEquals(202, collector.post("/eventListener/v7/eventBatch", batch.toString()).statusCode());
    list.add(list.get(0).deepCopy());
    HttpResponse<Buffer> response = collector.post("/eventListener/v7/eventBatch", batch.toString());
    assertEquals(413, response.statusCode());
    assertTrue(response.bodyAsString().contains("POL9003") && response.bodyAsString().contains("3 events"),
        response.bodyAsString());
  }

  @Test
  void bodyLimitAndNestingDepthFollowTheConfiguration() {
    String padded = Samples.event("fault").put("pad", "x".repeat(20_000)).toString();
    assertEquals(413, collector.post("/eventListener/v7", padded).statusCode());
    String deep = "{\"event\": " + "[".repeat(13) + "]".repeat(13) + "}";
    HttpResponse<Buffer> response = collector.post("/eventListener/v7", deep);
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsString().contains("nesting depth"), response.bodyAsString());
  }

  @Test
  void connectionBeyondTheBoundGets503AndIsClosedWhileTheOthersAreServed() throws Exception {
    // The harness's WebClient may or may not hold a pooled connection, which counts too.
    byte[] event = Samples.event("fault").toString().getBytes(StandardCharsets.UTF_8);
    try (RawHttp a = new RawHttp(collector.port()); RawHttp b = new RawHttp(collector.port());
         RawHttp c = new RawHttp(collector.port()); RawHttp d = new RawHttp(collector.port())) {
      RawHttp.Answer[] answers = new RawHttp.Answer[4];
      RawHttp[] sockets = {a, b, c, d};
      for (int i = 0; i < 4; i++) {
        sockets[i].send(RawHttp.head("/eventListener/v7", "Content-Type: application/json",
            "Content-Length: " + event.length)).send(event);
      }
      int refused = 0;
      for (int i = 0; i < 4; i++) {
        answers[i] = sockets[i].read(10_000);
        if (answers[i].status() == 503) {
          refused++;
          assertTrue(answers[i].body().contains("SVC1000"), answers[i].body());
          assertTrue(sockets[i].closedWithin(5_000));
        } else {
          assertEquals(202, answers[i].status(), answers[i].body());
        }
      }
      assertTrue(refused == 1 || refused == 2, refused + " of 4 refused with a bound of 3 (plus the client's pooled one, if open)");
    }
    assertEquals(202, collector.post("/eventListener/v7", Samples.event("fault").toString()).statusCode(),
        "once connections close, new ones are served");
  }
}
