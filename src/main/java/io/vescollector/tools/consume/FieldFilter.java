package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code path=value} on a dotted path into the event, e.g. {@code commonEventHeader.sourceName=gnb-cu-0012}.
 * The path starts inside {@code event} (a leading {@code event.} is accepted too); a numeric segment
 * indexes an array. The value compares with the field's text, so {@code sequence=42} matches a number.
 */
public record FieldFilter(List<String> path, String value) {
  public FieldFilter {
    path = List.copyOf(path);
  }

  public static FieldFilter parse(String expression) {
    int eq = expression.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("filter '" + expression + "' is not path=value (e.g. commonEventHeader.sourceName=gnb-cu-0012)");
    }
    String dotted = expression.substring(0, eq).trim();
    if (dotted.startsWith("event.")) {
      dotted = dotted.substring("event.".length());
    }
    return new FieldFilter(List.of(dotted.split("\\.")), expression.substring(eq + 1));
  }

  /** Whether the event (the object inside {@code "event"}) has this value at this path. */
  public boolean matches(JsonNode event) {
    JsonNode node = event;
    for (String segment : path) {
      if (node == null) {
        return false;
      }
      node = node.isArray() && segment.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(segment))
          : node.get(segment);
    }
    return node != null && node.isValueNode() && node.asText().equals(value);
  }

  @Override
  public String toString() {
    return String.join(".", path) + "=" + value;
  }
}
