package io.vescollector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.enrich.Enricher;
import io.vescollector.enrich.InternalFields;
import io.vescollector.enrich.RequestContext;
import io.vescollector.enrich.TimestampFormat;
import io.vescollector.parse.JsonLimits;
import io.vescollector.parse.ParsedRequest;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.testkit.Reformat;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TreeMutations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * A record spliced from the sender's bytes says exactly what the record written from the tree says,
 * whatever the sender's whitespace, field order, strings or numbers; and it is one line.
 */
class SplicedRecordProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DOMAINS = List.of("fault", "heartbeat", "measurement", "notification",
      "pnfRegistration", "stndDefined", "syslog", "thresholdCrossingAlert", "other");

  private final VesRequestParser parser = new VesRequestParser(JsonLimits.DEFAULT);
  private final RecordFactory records = new RecordFactory(parser.mapper());
  private final InternalFields fields = new Enricher("col-1", TimestampFormat.RFC3339)
      .fieldsFor(new RequestContext("req-1", "10.0.0.7", Instant.parse("2026-11-26T15:04:05.678Z"), "CN=a"));

  @Property(tries = 1000)
  void splicedAndWrittenRecordsAgree(@ForAll long seed, @ForAll @StringLength(max = 40) String text,
                                     @ForAll boolean batch) throws Exception {
    Random random = new Random(seed);
    ObjectNode document = Samples.event(DOMAINS.get(random.nextInt(DOMAINS.size())));
    ObjectNode event = (ObjectNode) document.get("event");
    for (int i = random.nextInt(4); i > 0; i--) {
      TreeMutations.mutate(event, TreeMutations.Kind.values()[random.nextInt(3)], random);
    }
    if (!event.path("commonEventHeader").isObject()) {
      event.putObject("commonEventHeader");
    }
    ((ObjectNode) event.get("commonEventHeader")).put(text, text);
    JsonNode body = batch ? JSON.createObjectNode().set("eventList", JSON.createArrayNode().add(event).add(event))
        : document;
    byte[] bytes = Reformat.withWhitespace(JSON.writeValueAsBytes(body), random);

    ParsedRequest parsed = parser.parse(bytes, batch);

    assertEquals(parsed.events().size(), parsed.sources().size(), "every event was located");
    for (int i = 0; i < parsed.events().size(); i++) {
      JsonNode tree = parsed.events().get(i);
      byte[] spliced = records.create("t", tree, parsed.sourceOf(i), fields, "7.2.1", "req-1").value();
      byte[] written = records.create("t", tree.deepCopy(), null, fields, "7.2.1", "req-1").value();
      String line = new String(spliced, StandardCharsets.UTF_8);
      assertEquals(JSON.readTree(written), JSON.readTree(spliced), line);
      assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\t"), line);
    }
  }
}
