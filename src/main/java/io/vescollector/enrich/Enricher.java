package io.vescollector.enrich;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Works out the collector's own fields for a request's events ({@link InternalFields}): when it
 * arrived, which collector took it, from which address, under which request id and, when
 * authenticated, from whom. They are written into each event's {@code internalHeaderFields} as its
 * record is written.
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

  /** The fields for every event of this request. */
  public InternalFields fieldsFor(RequestContext request) {
    Map<String, String> fields = new LinkedHashMap<>(8);
    fields.put(COLLECTOR_TIMESTAMP, timestamp(request));
    fields.put(COLLECTOR_ID, collectorId);
    fields.put(RECEIVED_FROM, request.receivedFrom());
    fields.put(REQUEST_ID, request.requestId());
    if (request.principal() != null) {
      fields.put(PRINCIPAL, request.principal());
    }
    return new InternalFields(fields);
  }

  /**
   * The request's arrival time, formatted. Requests arriving in the same millisecond share the text:
   * formatting costs more than the rest of enrichment together.
   */
  public String timestamp(RequestContext request) {
    long millis = request.receivedAt().toEpochMilli();
    Stamp stamp = last;
    if (stamp == null || stamp.millis != millis) {
      stamp = new Stamp(millis, timestampFormat.format(Instant.ofEpochMilli(millis)));
      last = stamp;
    }
    return stamp.text;
  }

  /** The last formatted millisecond; racing event loops at worst format the same one twice. */
  private record Stamp(long millis, String text) {}
}
