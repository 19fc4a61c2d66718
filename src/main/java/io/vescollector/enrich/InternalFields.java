package io.vescollector.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the collector stamps into {@code commonEventHeader.internalHeaderFields} of every event of one
 * request, built once per request: as a tree to merge into an event, and as compact JSON to splice
 * into the event's original bytes (a batch of a hundred events shares one).
 */
public final class InternalFields {
  public static final String MEMBER = "internalHeaderFields";

  private final ObjectNode fields;
  private final byte[] json;

  InternalFields(ObjectNode fields, byte[] json) {
    this.fields = fields;
    this.json = json;
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
    target.setAll(fields); // its members are text nodes, immutable, so events may share them
  }
}
