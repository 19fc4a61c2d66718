package io.vescollector.tools.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** What the generator puts into events: identity, order and time; the domain mix. */
class EventGeneratorTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678901Z"), ZoneOffset.UTC);

  @Test
  void singleEventsGiveEverySourceEveryDomainWithItsOwnSequence() throws Exception {
    EventGenerator generator = new EventGenerator(mapper, EventTemplates.load(mapper, List.of("fault", "heartbeat")),
        1, 4, clock);
    Map<String, Set<String>> domainsBySource = new HashMap<>();
    Map<String, Long> nextSequence = new HashMap<>();
    for (int i = 0; i < 16; i++) {
      Payload p = generator.next(Long.MAX_VALUE);
      JsonNode header = mapper.readTree(p.body().getBytes()).path("event").path("commonEventHeader");
      String source = header.path("sourceName").asText();
      domainsBySource.computeIfAbsent(source, k -> new HashSet<>()).add(header.path("domain").asText());
      assertEquals(nextSequence.getOrDefault(source, 0L), header.path("sequence").asLong());
      nextSequence.put(source, header.path("sequence").asLong() + 1);
      assertEquals(1767323045678901L, header.path("lastEpochMicrosec").asLong());
      assertEquals(List.of(header.path("eventId").asText()), p.eventIds());
    }
    assertEquals(4, domainsBySource.size());
    domainsBySource.values().forEach(d -> assertEquals(Set.of("fault", "heartbeat"), d));
  }

  @Test
  void batchesHoldOneDomainAndStopAtTheRemainingCount() throws Exception {
    EventGenerator generator = new EventGenerator(mapper, EventTemplates.load(mapper, List.of("fault", "syslog")),
        10, 3, clock);
    Payload first = generator.next(25);
    Payload second = generator.next(3);
    JsonNode list = mapper.readTree(second.body().getBytes()).path("eventList");
    assertEquals(10, first.events());
    assertEquals(3, list.size());
    list.forEach(e -> assertEquals("syslog", e.path("commonEventHeader").path("domain").asText()));
    assertNull(generator.next(0));
  }

  @Test
  void anUnknownDomainIsRefusedWithTheKnownOnes() {
    IllegalArgumentException e = Assertions.assertThrows(IllegalArgumentException.class,
        () -> EventTemplates.load(mapper, List.of("faults")));
    Assertions.assertTrue(e.getMessage().contains("thresholdCrossingAlert"), e.getMessage());
  }
}
