package io.vescollector.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body into the tree {@code readTree} builds, in the same single pass, and notes where
 * each event and its {@code commonEventHeader} sit in the bytes. The parser's limits apply as they do
 * to {@code readTree}. A duplicate key is caught while the tree is built (a replaced member), not by the
 * parser's duplicate detector, which costs a hash set per object. A body it cannot read, or whose shape
 * it does not expect, gives null: the caller then reads it the ordinary way, which also words the error.
 */
final class SourceLocatingReader {
  private static final String HEADER = "commonEventHeader";

  private final ObjectMapper mapper;
  /** Reads one value inside the body; trailing tokens are the rest of the body, not an error here. */
  private final ObjectReader values;

  SourceLocatingReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.values = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  /** The body's tree and one source per event (none if any event is not an object with a header). */
  record Located(ObjectNode root, List<EventSource> sources) {}

  Located read(byte[] body, boolean batch) {
    try (JsonParser p = mapper.createParser(body)) {
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String member = batch ? "eventList" : "event";
      ObjectNode root = mapper.createObjectNode();
      List<EventSource> sources = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(member) && batch && value == JsonToken.START_ARRAY) {
          ArrayNode list = root.arrayNode();
          if (root.replace(name, list) != null) {
            return null;
          }
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            list.add(readEvent(p, body, sources));
          }
        } else if (root.replace(name, name.equals(member) && !batch ? readEvent(p, body, sources)
            : values.readTree(p)) != null) {
          return null;
        }
      }
      if (p.nextToken() != null) {
        return null;
      }
      return new Located(root, sources.contains(null) ? List.of() : sources);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the event at the parser's current token; adds its source, or null when it has none. */
  private JsonNode readEvent(JsonParser p, byte[] body, List<EventSource> sources) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      sources.add(null);
      return values.readTree(p);
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    ObjectNode event = mapper.createObjectNode();
    int headerEnd = -1;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      JsonNode value = values.readTree(p);
      if (event.replace(name, value) != null) {
        throw new DuplicateKey();
      }
      if (name.equals(HEADER) && value.isObject()) {
        headerEnd = (int) p.currentLocation().getByteOffset();
      }
    }
    int end = (int) p.currentLocation().getByteOffset();
    sources.add(headerEnd < 0 ? null : new EventSource(body, start, end, headerEnd));
    return event;
  }

  /** A key seen twice in one object: the body is read again as one tree, whose parser words the error. */
  private static final class DuplicateKey extends RuntimeException {
    DuplicateKey() {
      super(null, null, false, false);
    }
  }
}
