package io.vescollector.streaming.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamInfoValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON forms of a connection: the stored one (value in the compacted connections topic, with every
 * streamInfo) and the TS 28.532 answers (connectionInfo-Type, streamInfoWithReporters-Type).
 */
public final class ConnectionJson {
  private final ObjectMapper mapper;
  private final StreamInfoValidator validator;

  public ConnectionJson(ObjectMapper mapper, StreamInfoValidator validator) {
    this.mapper = mapper;
    this.validator = validator;
  }

  public byte[] stored(ConnectionInfo c) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", c.id());
    node.put("connection", c.uri());
    if (c.producer() != null) {
      node.put("producer", c.producer());
    }
    if (c.owner() != null) {
      node.put("owner", c.owner());
    }
    ArrayNode streams = node.putArray("streams");
    c.streams().forEach(s -> streams.add(s.json()));
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a stored connection; a streamInfo that no longer validates is dropped rather than failing the rest. */
  public ConnectionInfo fromStored(byte[] value) throws IOException {
    JsonNode node = mapper.readTree(value);
    List<StreamInfo> streams = new ArrayList<>();
    node.path("streams").forEach(s -> {
      StreamInfoValidator.Checked checked = validator.check(s);
      if (checked.valid()) {
        streams.add(checked.info());
      }
    });
    return new ConnectionInfo(node.path("id").asText(), node.path("connection").asText(), text(node, "producer"),
        streams, text(node, "owner"));
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** connectionInfo-Type: {connection, producer, streams: [streamId]}. */
  public ObjectNode connectionInfo(ConnectionInfo c) {
    ObjectNode node = mapper.createObjectNode();
    node.put("connection", c.uri());
    if (c.producer() != null) {
      node.put("producer", c.producer());
    }
    ArrayNode ids = node.putArray("streams");
    c.streams().forEach(s -> ids.add(s.streamId()));
    return node;
  }

  /** streamInfoWithReporters-Type; the reporter is the connection's producer. */
  public ObjectNode withReporters(ConnectionInfo c, StreamInfo s) {
    ObjectNode node = mapper.createObjectNode();
    node.set("streamInfo", s.json());
    ArrayNode reporters = node.putArray("reporters");
    if (c.producer() != null) {
      reporters.add(c.producer());
    }
    return node;
  }

  public ArrayNode array() {
    return mapper.createArrayNode();
  }
}
