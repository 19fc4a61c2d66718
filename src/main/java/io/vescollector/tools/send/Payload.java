package io.vescollector.tools.send;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One request body with what it carries.
 *
 * @param batch post to {@code /eventBatch}
 * @param eventIds the eventIds of its events, where they could be read (an unparseable file has none)
 * @param events how many events it counts as (at least 1)
 */
public record Payload(boolean batch, Buffer body, List<String> eventIds, int events) {
  public Payload {
    eventIds = List.copyOf(eventIds);
  }
}
