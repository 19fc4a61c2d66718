package io.vescollector.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The events of one request, in order, and where each sits in the body (a JSON pointer). */
public record ParsedRequest(List<JsonNode> events, boolean batch) {

  public ParsedRequest {
    events = List.copyOf(events);
  }

  /** {@code /event} for a single event, {@code /eventList/3} for the fourth of a batch. */
  public String pointerOf(int index) {
    return batch ? "/eventList/" + index : "/event";
  }
}
