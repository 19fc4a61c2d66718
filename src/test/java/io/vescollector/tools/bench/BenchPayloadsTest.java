package io.vescollector.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.tools.send.Payload;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.VesVersion;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's load: a valid 0.63 KB fault event, bodies of one size, spread over sources. */
class BenchPayloadsTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final EventValidator validator = new EventValidator(new SchemaCatalog());

  @Test
  void singleEventsAreValidFaultEventsOfAbout630BytesFromManySources() throws Exception {
    BenchPayloads singles = BenchPayloads.of(mapper, 1);
    assertTrue(singles.bodyBytes() >= 620 && singles.bodyBytes() <= 660, singles.bodyBytes() + " bytes");
    Set<String> sources = new HashSet<>();
    for (int i = 0; i < BenchPayloads.SOURCES; i++) {
      Payload p = singles.next(Long.MAX_VALUE);
      assertFalse(p.batch());
      assertEquals(singles.bodyBytes(), p.body().length());
      JsonNode event = mapper.readTree(p.body().getBytes()).get("event");
      assertEquals(java.util.List.of(), validator.validate(VesVersion.V7, event, "/event"));
      assertEquals("fault", event.path("commonEventHeader").path("domain").asText());
      sources.add(event.path("commonEventHeader").path("sourceName").asText());
    }
    assertEquals(BenchPayloads.SOURCES, sources.size());
  }

  @Test
  void batchesCarryTheirSizeOfValidEventsAndCycle() throws Exception {
    BenchPayloads batches = BenchPayloads.of(mapper, 100);
    Payload first = batches.next(Long.MAX_VALUE);
    assertTrue(first.batch());
    assertEquals(100, first.events());
    assertEquals(100, first.eventIds().size());
    JsonNode list = mapper.readTree(first.body().getBytes()).get("eventList");
    assertEquals(100, list.size());
    for (JsonNode event : list) {
      assertEquals(java.util.List.of(), validator.validate(VesVersion.V7, event, "/eventList/0"));
    }
    Payload next = first;
    int seen = 1;
    while ((next = batches.next(Long.MAX_VALUE)) != first) {
      assertEquals(first.body().length(), next.body().length());
      seen++;
    }
    assertTrue(seen > 1, "several distinct batch bodies");
  }
}
