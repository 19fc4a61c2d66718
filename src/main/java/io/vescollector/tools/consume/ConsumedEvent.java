package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One record as the tool shows it.
 *
 * @param key the record key as UTF-8 (the event's sourceName), or null
 * @param headers header name and UTF-8 value, in record order
 * @param value the record value as text: an HV-VES record's as JSON; a dropped HV-VES frame's payload
 *     (rejected-events topic) in base64, since it may be any bytes
 * @param event the parsed {@code event} object (an HV-VES record's JSON view), or null when the value is
 *     not a VES record
 * @param consumedAtMicros when this tool received it, epoch microseconds
 */
public record ConsumedEvent(String topic, int partition, long offset, long timestampMillis, String key,
                            List<Map.Entry<String, String>> headers, String value, JsonNode event,
                            long consumedAtMicros) {

  public String header(String name) {
    return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
  }
}
