package io.vescollector.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Builds the Kafka record of one event. The format is the collector's contract with its consumers
 * (README, "Record format"): key = {@code sourceName} in UTF-8, so one source's events share a
 * partition and keep their order; value = {@code {"event": {...}}} as compact UTF-8 JSON, as ONAP
 * publishes it; headers describe the event so consumers can filter without parsing the value.
 */
public final class RecordFactory {
  public static final String HEADER_DOMAIN = "ves-domain";
  public static final String HEADER_EVENT_NAME = "ves-event-name";
  public static final String HEADER_LISTENER_VERSION = "ves-listener-version";
  public static final String HEADER_REQUEST_ID = "ves-request-id";
  public static final String HEADER_NAMESPACE = "ves-stnd-defined-namespace";

  private final ObjectMapper mapper;

  public RecordFactory(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public OutgoingRecord create(String topic, JsonNode event, String listenerVersion, String requestId) {
    JsonNode header = event.path("commonEventHeader");
    ObjectNode wrapper = mapper.createObjectNode();
    wrapper.set("event", event);
    byte[] value;
    try {
      value = mapper.writeValueAsBytes(wrapper);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed event could not be written back as JSON", e);
    }
    JsonNode sourceName = header.get("sourceName");
    byte[] key = sourceName != null && sourceName.isTextual() ? utf8(sourceName.asText()) : null;
    List<Header> headers = new ArrayList<>(5);
    addText(headers, HEADER_DOMAIN, header.get("domain"));
    addText(headers, HEADER_EVENT_NAME, header.get("eventName"));
    headers.add(new RecordHeader(HEADER_LISTENER_VERSION, utf8(listenerVersion)));
    headers.add(new RecordHeader(HEADER_REQUEST_ID, utf8(requestId)));
    addText(headers, HEADER_NAMESPACE, header.get("stndDefinedNamespace"));
    return new OutgoingRecord(topic, key, value, headers);
  }

  private static void addText(List<Header> headers, String name, JsonNode value) {
    if (value != null && value.isValueNode()) {
      headers.add(new RecordHeader(name, utf8(value.asText())));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
