package io.vescollector.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stamps the collector's own fields into {@code commonEventHeader.internalHeaderFields}. The object is
 * merged, not replaced: what the sender put there stays (ONAP drops it), and on a name clash the
 * collector's value wins so downstream consumers can trust these four fields.
 */
public final class Enricher {
  public static final String COLLECTOR_TIMESTAMP = "collectorTimeStamp";
  public static final String COLLECTOR_ID = "collectorId";
  public static final String RECEIVED_FROM = "receivedFrom";
  public static final String REQUEST_ID = "requestId";
  public static final String PRINCIPAL = "principal";

  private final String collectorId;
  private final TimestampFormat timestampFormat;
  private volatile Stamp last;

  public Enricher(String collectorId, TimestampFormat timestampFormat) {
    this.collectorId = collectorId;
    this.timestampFormat = timestampFormat;
  }

  /** Enriches the event in place; the event has passed schema validation, so its header is an object. */
  public void enrich(ObjectNode event, RequestContext request, String formattedTimestamp) {
    ObjectNode header = (ObjectNode) event.get("commonEventHeader");
    JsonNode existing = header.get("internalHeaderFields");
    ObjectNode fields = existing instanceof ObjectNode object ? object : header.putObject("internalHeaderFields");
    fields.put(COLLECTOR_TIMESTAMP, formattedTimestamp);
    fields.put(COLLECTOR_ID, collectorId);
    fields.put(RECEIVED_FROM, request.receivedFrom());
    fields.put(REQUEST_ID, request.requestId());
    if (request.principal() != null) {
      fields.put(PRINCIPAL, request.principal());
    }
  }

  /**
   * Formats the request's arrival time once, for all of its events. Requests arriving in the same
   * millisecond share the text: formatting costs more than the rest of enrichment together.
   */
  public String timestamp(RequestContext request) {
    long millis = request.receivedAt().toEpochMilli();
    Stamp stamp = last;
    if (stamp == null || stamp.millis != millis) {
      stamp = new Stamp(millis, timestampFormat.format(java.time.Instant.ofEpochMilli(millis)));
      last = stamp;
    }
    return stamp.text;
  }

  /** The last formatted millisecond; racing event loops at worst format the same one twice. */
  private record Stamp(long millis, String text) {}
}
