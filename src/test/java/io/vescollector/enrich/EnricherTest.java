package io.vescollector.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** internalHeaderFields is merged, the collector's four fields win, and the timestamp has the chosen format. */
class EnricherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-26T15:04:05.678Z");
  private final RequestContext request = new RequestContext("req-1", "10.0.0.7", AT, null);

  @Test
  void addsTheCollectorsFieldsWhenTheSenderGaveNone() throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree("{\"commonEventHeader\":{\"domain\":\"fault\"}}");
    Enricher enricher = new Enricher("col-1", TimestampFormat.RFC3339);

    enricher.fieldsFor(request).mergeInto(event);

    assertEquals(JSON.readTree("{\"collectorTimeStamp\":\"2026-11-26T15:04:05.678Z\",\"collectorId\":\"col-1\","
        + "\"receivedFrom\":\"10.0.0.7\",\"requestId\":\"req-1\"}"), event.at("/commonEventHeader/internalHeaderFields"));
  }

  @Test
  void keepsTheSendersFieldsAndOverridesClashes() throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(
        "{\"commonEventHeader\":{\"internalHeaderFields\":{\"tenant\":\"blue\",\"requestId\":\"forged\"}}}");
    Enricher enricher = new Enricher("col-1", TimestampFormat.RFC3339);

    enricher.fieldsFor(request).mergeInto(event);

    assertEquals("blue", event.at("/commonEventHeader/internalHeaderFields/tenant").asText());
    assertEquals("req-1", event.at("/commonEventHeader/internalHeaderFields/requestId").asText());
  }

  @Test
  void theSplicedJsonHoldsTheSameFieldsAsTheMergedTree() throws Exception {
    InternalFields fields = new Enricher("col-1", TimestampFormat.RFC3339)
        .fieldsFor(new RequestContext("req-1", "10.0.0.7", AT, "CN=gnb-1"));
    ObjectNode event = (ObjectNode) JSON.readTree("{\"commonEventHeader\":{}}");

    fields.mergeInto(event);

    assertEquals("{\"collectorTimeStamp\":\"2026-11-26T15:04:05.678Z\",\"collectorId\":\"col-1\","
        + "\"receivedFrom\":\"10.0.0.7\",\"requestId\":\"req-1\",\"principal\":\"CN=gnb-1\"}",
        new String(fields.json(), StandardCharsets.UTF_8));
    assertEquals(JSON.readTree(fields.json()), event.at("/commonEventHeader/internalHeaderFields"));
  }

  @Test
  void quotesBackslashesControlCharactersAndNonAsciiInAFieldStayOneValidJsonString() throws Exception {
    String principal = "CN=\"gnb\\1\",O=Bäckerei\u0001\n✓";
    InternalFields fields = new Enricher("col \"1\"", TimestampFormat.RFC3339)
        .fieldsFor(new RequestContext("req-1", "10.0.0.7", AT, principal));

    JsonNode parsed = JSON.readTree(fields.json());

    assertEquals(principal, parsed.get("principal").asText());
    assertEquals("col \"1\"", parsed.get("collectorId").asText());
    ObjectNode event = (ObjectNode) JSON.readTree("{\"commonEventHeader\":{}}");
    fields.mergeInto(event);
    assertEquals(parsed, event.at("/commonEventHeader/internalHeaderFields"));
  }

  @Test
  void everyCharacterFromSpaceToDeleteSurvivesEachOnItsOwn() throws Exception {
    for (char c = 0x20; c <= 0x7f; c++) {
      String principal = "CN=a" + c + "b";
      InternalFields fields = new Enricher("col-1", TimestampFormat.RFC3339)
          .fieldsFor(new RequestContext("req-1", "10.0.0.7", AT, principal));

      assertEquals(principal, JSON.readTree(fields.json()).get("principal").asText(), "character " + (int) c);
    }
  }

  @Test
  void eachRequestGetsItsOwnMillisecondWhateverCameBefore() {
    Enricher enricher = new Enricher("c", TimestampFormat.RFC3339);
    String[] arrivals = {"2026-11-26T15:04:05.678123Z", "2026-11-26T15:04:05.678999Z", "2026-11-26T15:04:05.679Z",
        "2026-11-26T15:04:05.678Z", "2026-11-27T15:04:05.678Z"};
    String[] expected = {"2026-11-26T15:04:05.678Z", "2026-11-26T15:04:05.678Z", "2026-11-26T15:04:05.679Z",
        "2026-11-26T15:04:05.678Z", "2026-11-27T15:04:05.678Z"};
    for (int i = 0; i < arrivals.length; i++) {
      RequestContext at = new RequestContext("r" + i, "::1", Instant.parse(arrivals[i]), null);
      assertEquals(expected[i], enricher.timestamp(at), arrivals[i]);
    }
  }

  @Test
  void onapTimestampFormatIsReproducedExactly() {
    assertEquals("Thu, 11 26 2026 03:04:05 UTC", TimestampFormat.ONAP.format(AT));
  }

  @Test
  void principalIsAddedWhenAuthenticated() throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree("{\"commonEventHeader\":{}}");
    RequestContext authenticated = new RequestContext("r", "::1", AT, "CN=gnb-1");

    new Enricher("c", TimestampFormat.RFC3339).fieldsFor(authenticated).mergeInto(event);

    assertEquals("CN=gnb-1", event.at("/commonEventHeader/internalHeaderFields/principal").asText());
  }
}
