package io.vescollector.streaming;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The Kafka record of one stream data unit, the same for the WebSocket path and the message-bus path
 * (docs/STREAMING.md, "Record format"). Key = streamId, so a stream's units stay in order on one
 * partition. A decoded PM unit becomes JSON with its values named by the stream's performanceMetrics,
 * so consumers never need positions; other units pass through as bytes. Headers describe the stream
 * in both cases, so consumers can filter without reading the value.
 */
public final class StreamRecordFactory {
  public static final String HEADER_STREAM_ID = "stream-id";
  public static final String HEADER_STREAM_TYPE = "stream-type";
  public static final String HEADER_FORMAT = "serialization-format";
  public static final String HEADER_PRODUCER = "producer";
  public static final String HEADER_CONNECTION = "connection-id";
  public static final String HEADER_SESSION = "session-id";
  public static final String HEADER_CONTENT_TYPE = "content-type";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final double EXACT_LONG = 9.007199254740992E15; // 2^53

  private final JsonFactory json = new JsonFactory();

  /** One PM unit as JSON; integral values are written as integers, missing (and non-finite) ones as null. */
  public OutgoingRecord performance(String topic, UnitOrigin origin, StreamInfo stream, PmStreamUnit unit) {
    PerformanceInfo info = stream.performance();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + unit.getValuesCount() * 24);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      writeOptional(g, "producer", origin.producer());
      writeOptional(g, "connectionId", origin.connectionId());
      writeOptional(g, "sessionId", origin.sessionId());
      g.writeStringField("streamId", stream.streamId());
      writeOptional(g, "jobId", info.jobId());
      g.writeStringField("measObjDn", info.measObjDn());
      g.writeNumberField("granularityPeriod", unit.getGranularityPeriod());
      g.writeStringField("startTime", TIME.format(Instant.ofEpochMilli(unit.getStartTime())));
      g.writeStringField("endTime", TIME.format(Instant.ofEpochMilli(unit.getEndTime())));
      BitSet absent = new BitSet();
      unit.getAbsentList().forEach(absent::set);
      g.writeObjectFieldStart("values");
      List<String> names = info.performanceMetrics();
      for (int i = 0; i < names.size(); i++) {
        g.writeFieldName(names.get(i));
        double v = unit.getValues(i);
        if (absent.get(i) || !Double.isFinite(v)) {
          g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
          g.writeNumber((long) v);
        } else {
          g.writeNumber(v);
        }
      }
      g.writeEndObject();
      if (unit.getSuspectCount() > 0) {
        g.writeArrayFieldStart("suspect");
        for (int position : unit.getSuspectList()) {
          g.writeString(names.get(position));
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return new OutgoingRecord(topic, utf8(stream.streamId()), out.toByteArray(), headers(origin, stream, "application/json"));
  }

  /** A unit this collector does not decode, as the producer sent it. */
  public OutgoingRecord passThrough(String topic, UnitOrigin origin, StreamInfo stream, byte[] unit) {
    String type = stream.serializationFormat() == SerializationFormat.GPB ? "application/x-protobuf" : "application/asn1";
    return new OutgoingRecord(topic, utf8(stream.streamId()), unit, headers(origin, stream, type));
  }

  private static List<Header> headers(UnitOrigin origin, StreamInfo stream, String contentType) {
    List<Header> headers = new ArrayList<>(7);
    headers.add(new RecordHeader(HEADER_STREAM_ID, utf8(stream.streamId())));
    headers.add(new RecordHeader(HEADER_STREAM_TYPE, utf8(stream.streamType().name())));
    headers.add(new RecordHeader(HEADER_FORMAT, utf8(stream.serializationFormat().name())));
    if (origin.producer() != null) {
      headers.add(new RecordHeader(HEADER_PRODUCER, utf8(origin.producer())));
    }
    if (origin.connectionId() != null) {
      headers.add(new RecordHeader(HEADER_CONNECTION, utf8(origin.connectionId())));
    }
    if (origin.sessionId() != null) {
      headers.add(new RecordHeader(HEADER_SESSION, utf8(origin.sessionId())));
    }
    headers.add(new RecordHeader(HEADER_CONTENT_TYPE, utf8(contentType)));
    return headers;
  }

  private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
