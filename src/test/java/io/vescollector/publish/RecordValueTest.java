package io.vescollector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The record value is the event as the sender wrote it, compacted, with the collector's
 * internalHeaderFields at the end of its header; an event that brings its own internalHeaderFields
 * gets them merged instead.
 */
class RecordValueTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIELDS = "{\"collectorTimeStamp\":\"2026-11-26T15:04:05.678Z\",\"collectorId\":\"col-1\","
      + "\"receivedFrom\":\"10.0.0.7\",\"requestId\":\"req-1\"}";

  private final VesRequestParser parser = new VesRequestParser(JsonLimits.DEFAULT);
  private final RecordFactory records = new RecordFactory(parser.mapper());
  private final InternalFields fields = new Enricher("col-1", TimestampFormat.RFC3339)
      .fieldsFor(new RequestContext("req-1", "10.0.0.7", Instant.parse("2026-11-26T15:04:05.678Z"), null));

  @Test
  void aPrettyPrintedEventBecomesOneCompactLineWithItsStringsUntouched() {
    String body = """
        {
          "event" : {
            "commonEventHeader" : { "domain" : "fault",
              "sourceName" : "gnb 1",\t"eventName" : "say \\"hi\\"\\n\\\\ \\u00e9 é" },
            "faultFields" : { "alarmCondition" : "link  down", "list" : [ 1 , 2.50 , -3e2 ] }
          }
        }
        """;

    String value = valueOf(body, false).get(0);

    assertEquals("{\"event\":{\"commonEventHeader\":{\"domain\":\"fault\",\"sourceName\":\"gnb 1\","
        + "\"eventName\":\"say \\\"hi\\\"\\n\\\\ \\u00e9 é\",\"internalHeaderFields\":" + FIELDS + "},"
        + "\"faultFields\":{\"alarmCondition\":\"link  down\",\"list\":[1,2.50,-3e2]}}}", value);
  }

  @Test
  void eachEventOfABatchGetsItsOwnRecord() throws Exception {
    String body = "{\"eventList\": [\n {\"commonEventHeader\": {\"sourceName\": \"a\"}},\n"
        + " {\"commonEventHeader\": {\"sourceName\": \"b\"}, \"x\": {}}\n]}";

    List<String> values = valueOf(body, true);

    assertEquals(List.of(
        "{\"event\":{\"commonEventHeader\":{\"sourceName\":\"a\",\"internalHeaderFields\":" + FIELDS + "}}}",
        "{\"event\":{\"commonEventHeader\":{\"sourceName\":\"b\",\"internalHeaderFields\":" + FIELDS + "},\"x\":{}}}"),
        values);
  }

  @Test
  void anEmptyHeaderGetsTheFieldsAsItsOnlyMember() {
    assertEquals("{\"event\":{\"commonEventHeader\":{\"internalHeaderFields\":" + FIELDS + "}}}",
        valueOf("{\"event\":{\"commonEventHeader\":{ }}}", false).get(0));
  }

  @Test
  void fieldsTheSenderPutInInternalHeaderFieldsAreKeptAndTheCollectorsWin() throws Exception {
    String body = "{\"event\": {\"commonEventHeader\": {\"sourceName\": \"a\","
        + " \"internalHeaderFields\": {\"tenant\": \"blue\", \"requestId\": \"forged\"}}}}";

    JsonNode written = JSON.readTree(valueOf(body, false).get(0));

    ObjectNode expected = (ObjectNode) JSON.readTree("{\"tenant\":\"blue\"}");
    expected.setAll((ObjectNode) JSON.readTree(FIELDS));
    assertEquals(expected, written.at("/event/commonEventHeader/internalHeaderFields"));
    assertEquals("a", written.at("/event/commonEventHeader/sourceName").asText());
  }

  @Test
  void anEventWhoseBytesAreUnknownIsWrittenFromItsTree() throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree("{\"commonEventHeader\":{\"sourceName\":\"a\"}}");

    OutgoingRecord record = records.create("t", event, null, fields, "7.2.1", "req-1");

    assertEquals("{\"event\":{\"commonEventHeader\":{\"sourceName\":\"a\",\"internalHeaderFields\":" + FIELDS + "}}}",
        new String(record.value(), StandardCharsets.UTF_8));
  }

  @Test
  void theRequestBodyIsNotModified() {
    byte[] body = "{\"event\": {\"commonEventHeader\": {\"sourceName\": \"a\"}}}".getBytes(StandardCharsets.UTF_8);
    byte[] copy = body.clone();

    ParsedRequest parsed = parser.parse(body, false);
    OutgoingRecord record = records.create("t", parsed.events().get(0), parsed.sourceOf(0), fields, "7.2.1", "r");

    assertTrue(Arrays.equals(copy, body));
    assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(" "));
  }

  private List<String> valueOf(String body, boolean batch) {
    ParsedRequest parsed = parser.parse(body.getBytes(StandardCharsets.UTF_8), batch);
    assertFalse(parsed.sources().isEmpty(), "the parser located the events");
    return IntStream.range(0, parsed.events().size())
        .mapToObj(i -> new String(records.create("t", parsed.events().get(i), parsed.sourceOf(i), fields, "7.2.1",
            "req-1").value(), StandardCharsets.UTF_8))
        .toList();
  }
}
