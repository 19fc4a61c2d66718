package io.vescollector.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into the events it carries. Anything that is not a well-formed JSON object
 * with an {@code event} (single) or {@code eventList} (batch) member is refused here with 400 SVC0002
 * and a message that says where the body went wrong; duplicate keys, a byte-order mark and bytes that
 * are not well-formed UTF-8 ({@link Utf8Check}) are refused too, because two parsers could read such a
 * body differently.
 */
public final class VesRequestParser {
  private final ObjectMapper mapper;
  private final SourceLocatingReader locating;
  private final int maxBatchEvents;

  /** A parser without a bound on the events of a batch (the body limit still bounds them). */
  public VesRequestParser(JsonLimits limits) {
    this(limits, Integer.MAX_VALUE);
  }

  public VesRequestParser(JsonLimits limits, int maxBatchEvents) {
    this.maxBatchEvents = maxBatchEvents;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .build())
        .build();
    this.mapper = new ObjectMapper(factory)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .setNodeFactory(FiniteNumberNodes.INSTANCE);
    this.locating = new SourceLocatingReader(mapper);
  }

  /** The mapper configured with these limits, for callers that parse VES documents elsewhere. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * The request's events, each with its place in the body. A body that does not read cleanly is read
   * again with {@link #readTree}, whose error says what is wrong and where.
   */
  public ParsedRequest parse(byte[] body, boolean batch) {
    rejectUnreadableBytes(body);
    SourceLocatingReader.Located located = locating.read(body, batch);
    if (located == null) {
      return fromTree(readTree(body), batch);
    }
    return new ParsedRequest(fromTree(located.root(), batch).events(), batch, located.sources());
  }

  public JsonNode readTree(byte[] body) {
    rejectUnreadableBytes(body);
    try {
      JsonNode tree = mapper.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw invalid("the request body is empty");
      }
      return tree;
    } catch (FiniteNumberNodes.OutOfRange e) {
      throw invalid("the request body holds a number outside the range of a double: " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw invalid("the request body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw invalid("the request body cannot be read: " + e.getMessage());
    }
  }

  public ParsedRequest fromTree(JsonNode tree, boolean batch) {
    if (!tree.isObject()) {
      throw invalid("the request body must be a JSON object, found " + tree.getNodeType().name().toLowerCase());
    }
    if (batch) {
      JsonNode list = tree.get("eventList");
      if (list == null) {
        throw invalid("the request body has no 'eventList' member (an eventBatch request is {\"eventList\": [...]})");
      }
      if (!list.isArray()) {
        throw invalid("/eventList must be an array, found " + list.getNodeType().name().toLowerCase());
      }
      if (list.isEmpty()) {
        throw invalid("/eventList is empty: a batch must hold at least one event");
      }
      if (list.size() > maxBatchEvents) {
        throw new VesException(VesProblem.withText(VesError.POL9003,
            "Message content size exceeds the allowable limit: %1",
            "the batch holds " + list.size() + " events, more than the " + maxBatchEvents + " allowed"));
      }
      List<JsonNode> events = new ArrayList<>(list.size());
      list.forEach(events::add);
      return new ParsedRequest(events, true);
    }
    JsonNode event = tree.get("event");
    if (event == null) {
      throw invalid(tree.has("eventList")
          ? "the request body has 'eventList' but no 'event': send batches to .../eventBatch"
          : "the request body has no 'event' member (a single-event request is {\"event\": {...}})");
    }
    return new ParsedRequest(List.of(event), false);
  }

  private static void rejectUnreadableBytes(byte[] body) {
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      throw invalid("the request body starts with a UTF-8 byte-order mark, which JSON (RFC 8259) does not allow");
    }
    int malformed = Utf8Check.firstMalformedByte(body);
    if (malformed >= 0) {
      throw invalid("the request body is not well-formed UTF-8 at " + Utf8Check.describe(body, malformed));
    }
  }

  private static String describe(JsonProcessingException e) {
    // Jackson names the source in nested locations; the body is not a named source, so drop it.
    String message = e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[");
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return message;
  }

  private static VesException invalid(String why) {
    return new VesException(VesProblem.of(VesError.SVC0002, why));
  }
}
