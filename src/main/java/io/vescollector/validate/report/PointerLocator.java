package io.vescollector.validate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds where a JSON pointer's value starts in the document text, by one streaming pass that
 * records each value's location. Only run for invalid documents, so valid ones cost nothing extra.
 */
final class PointerLocator {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final Map<String, JsonLocation> starts = new HashMap<>();
  private final long lineOffset;

  /** {@code lineOffset}: lines before the document in its file (NDJSON). */
  PointerLocator(byte[] document, long lineOffset) {
    this.lineOffset = lineOffset;
    try (JsonParser parser = FACTORY.createParser(document)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        starts.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
      }
    } catch (IOException e) {
      // Locations up to the broken spot are kept; the rest stay unknown.
    }
  }

  /** The location of the deepest existing value on the pointer's path. */
  EventVerdict.Location locate(String pointer) {
    String p = pointer;
    while (true) {
      JsonLocation at = starts.get(p);
      if (at != null) {
        return new EventVerdict.Location(at.getLineNr() + lineOffset, at.getColumnNr());
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return EventVerdict.Location.UNKNOWN;
      }
      p = p.substring(0, slash);
    }
  }
}
