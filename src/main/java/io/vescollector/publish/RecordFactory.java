package io.vescollector.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.enrich.InternalFields;
import io.vescollector.parse.EventSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Builds the Kafka record of one event. The format is the collector's contract with its consumers
 * (docs/RECORD-FORMAT.md): key = {@code sourceName} in UTF-8, so one source's events share a
 * partition and keep their order; value = {@code {"event": {...}}} as compact UTF-8 JSON, as ONAP
 * publishes it, with the collector's internalHeaderFields; headers describe the event so consumers can
 * filter without parsing the value.
 *
 * <p>When the event's bytes in the request are known and its header has no internalHeaderFields (the
 * usual case), the value is those bytes, compacted, with the collector's fields inserted at the end of
 * the header, because writing the tree again costs as much as parsing it. Otherwise the fields are
 * merged into the tree and the tree is written.
 */
public final class RecordFactory {
  public static final String HEADER_DOMAIN = "ves-domain";
  public static final String HEADER_EVENT_NAME = "ves-event-name";
  public static final String HEADER_LISTENER_VERSION = "ves-listener-version";
  public static final String HEADER_REQUEST_ID = "ves-request-id";
  public static final String HEADER_NAMESPACE = "ves-stnd-defined-namespace";

  private static final byte[] WRAPPER_START = utf8("{\"event\":");
  private static final byte[] FIELDS_NAME = utf8("\"" + InternalFields.MEMBER + "\":");

  private final ObjectMapper mapper;

  public RecordFactory(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param source where the event sits in its request body, or null when unknown
   * @param fields the collector's fields for the event's request
   */
  public OutgoingRecord create(String topic, JsonNode event, EventSource source, InternalFields fields,
                               String listenerVersion, String requestId) {
    JsonNode header = event.path("commonEventHeader");
    byte[] value = source != null && !header.has(InternalFields.MEMBER)
        ? spliced(source, fields.json())
        : written((ObjectNode) event, fields);
    JsonNode sourceName = header.get("sourceName");
    byte[] key = sourceName != null && sourceName.isTextual() ? utf8(sourceName.asText()) : null;
    String domain = text(header.get("domain"));
    List<Header> headers = new ArrayList<>(5);
    addText(headers, HEADER_DOMAIN, domain);
    addText(headers, HEADER_EVENT_NAME, text(header.get("eventName")));
    headers.add(new RecordHeader(HEADER_LISTENER_VERSION, utf8(listenerVersion)));
    headers.add(new RecordHeader(HEADER_REQUEST_ID, utf8(requestId)));
    addText(headers, HEADER_NAMESPACE, text(header.get("stndDefinedNamespace")));
    return new OutgoingRecord(topic, key, value, headers, domain);
  }

  /** {"event": the event's bytes up to the header's closing brace, the fields, the rest of the event}. */
  private static byte[] spliced(EventSource source, byte[] fields) {
    byte[] body = source.body();
    int insertAt = source.headerEnd() - 1;
    byte[] out = new byte[WRAPPER_START.length + source.end() - source.start() + 1 + FIELDS_NAME.length
        + fields.length + 1];
    int n = put(WRAPPER_START, out, 0);
    n = CompactCopy.copy(body, source.start(), insertAt, out, n);
    if (out[n - 1] != '{') { // no comma in an empty header
      out[n++] = ',';
    }
    n = put(FIELDS_NAME, out, n);
    n = put(fields, out, n);
    n = CompactCopy.copy(body, insertAt, source.end(), out, n);
    out[n++] = '}';
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private byte[] written(ObjectNode event, InternalFields fields) {
    fields.mergeInto(event);
    ObjectNode wrapper = mapper.createObjectNode();
    wrapper.set("event", event);
    try {
      return mapper.writeValueAsBytes(wrapper);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed event could not be written back as JSON", e);
    }
  }

  private static int put(byte[] bytes, byte[] out, int at) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /** A header member's text, or null when it is missing or not a value. */
  private static String text(JsonNode value) {
    return value != null && value.isValueNode() ? value.asText() : null;
  }

  private static void addText(List<Header> headers, String name, String value) {
    if (value != null) {
      headers.add(new RecordHeader(name, utf8(value)));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
