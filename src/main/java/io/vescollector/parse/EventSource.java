package io.vescollector.parse;

/**
 * Where one event sits in its request body. Writing the record from these bytes, with the collector's
 * fields spliced into the header, costs a copy instead of serialising the whole tree again.
 *
 * @param body the request body (shared by the events of a batch; never modified)
 * @param start offset of the event's opening brace
 * @param end offset just past its closing brace
 * @param headerEnd offset just past the closing brace of its {@code commonEventHeader} object
 */
public record EventSource(byte[] body, int start, int end, int headerEnd) {

  public EventSource {
    if (start < 0 || headerEnd <= start || end < headerEnd || end > body.length
        || body[start] != '{' || body[end - 1] != '}' || body[headerEnd - 1] != '}') {
      throw new IllegalArgumentException("not an event's position in the body: " + start + ", " + headerEnd + ", " + end);
    }
  }
}
