package io.vescollector.enrich;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the collector stamps into {@code commonEventHeader.internalHeaderFields} of every event of one
 * request, built once per request: as compact JSON to splice into the event's original bytes (a batch
 * of a hundred events shares one), and merged into the event's tree when the event is written from
 * its tree. The JSON is written directly, not through an ObjectMapper, which would need a node tree
 * and a generator per request.
 */
public final class InternalFields {
  public static final String MEMBER = "internalHeaderFields";

  private final Map<String, String> fields;
  private final byte[] json;

  /** @param fields names and values in the order they are written */
  InternalFields(Map<String, String> fields) {
    this.fields = fields;
    this.json = toJson(fields);
  }

  /** The fields as one compact JSON object, UTF-8; callers must not modify it. */
  public byte[] json() {
    return json;
  }

  /**
   * Merges into the event's header: what the sender put in internalHeaderFields stays (ONAP drops it),
   * and on a name clash the collector's value wins, so consumers can trust these fields.
   */
  public void mergeInto(ObjectNode event) {
    ObjectNode header = (ObjectNode) event.get("commonEventHeader");
    JsonNode existing = header.get(MEMBER);
    ObjectNode target = existing instanceof ObjectNode object ? object : header.putObject(MEMBER);
    fields.forEach(target::put);
  }

  private static byte[] toJson(Map<String, String> fields) {
    JsonStringEncoder escapes = JsonStringEncoder.getInstance();
    StringBuilder out = new StringBuilder(160).append('{');
    fields.forEach((name, value) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(name).append("\":\"");
      if (plain(value)) {
        out.append(value); // request ids, addresses, timestamps: the common case, and much cheaper
      } else {
        escapes.quoteAsString(value, out);
      }
      out.append('"');
    });
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** True when the text needs no JSON escaping: printable ASCII other than the quote and the backslash. */
  private static boolean plain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
