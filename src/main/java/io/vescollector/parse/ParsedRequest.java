package io.vescollector.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The events of one request, in order, and where each sits in the body. {@code sources} is either
 * empty (the events were not read from a body, or not all of them are objects with a header) or
 * holds one {@link EventSource} per event.
 */
public record ParsedRequest(List<JsonNode> events, boolean batch, List<EventSource> sources) {

  public ParsedRequest {
    events = List.copyOf(events);
    sources = List.copyOf(sources);
    if (!sources.isEmpty() && sources.size() != events.size()) {
      throw new IllegalArgumentException(sources.size() + " sources for " + events.size() + " events");
    }
  }

  /** Events without their places in a body, e.g. built by a test or read from a file. */
  public ParsedRequest(List<JsonNode> events, boolean batch) {
    this(events, batch, List.of());
  }

  /** The event's bytes in the body, or null when they are not known. */
  public EventSource sourceOf(int index) {
    return sources.isEmpty() ? null : sources.get(index);
  }

  /** {@code /event} for a single event, {@code /eventList/3} for the fourth of a batch. */
  public String pointerOf(int index) {
    return batch ? "/eventList/" + index : "/event";
  }
}
