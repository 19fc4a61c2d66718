package io.vescollector.tools.consume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

/**
 * Each record with where it came from (topic, partition, offset, timestamp, key, headers) and the event
 * indented; a record of the rejected-events topic also gets a "rejected: status messageId: reason" line
 * (for a dropped HV-VES frame, "rejected: HV-VES frame dropped (cause): reason").
 */
public final class PrettySink implements EventSink {
  private final PrintWriter out;
  private final ObjectMapper mapper;

  public PrettySink(PrintWriter out, ObjectMapper mapper) {
    this.out = out;
    this.mapper = mapper;
  }

  @Override
  public void accept(ConsumedEvent e) {
    out.printf("--- %s  partition %d  offset %d  %s%n", e.topic(), e.partition(), e.offset(),
        Instant.ofEpochMilli(e.timestampMillis()));
    out.printf("key: %s%n", e.key());
    for (Map.Entry<String, String> h : e.headers()) {
      out.printf("%s: %s%n", h.getKey(), h.getValue());
    }
    RejectedInfo rejected = RejectedInfo.of(e);
    if (rejected != null) {
      out.println(rejected.line());
    }
    if (e.event() == null) {
      out.println(e.value());
    } else {
      try {
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(e.event()));
      } catch (JsonProcessingException ex) {
        out.println(e.value());
      }
    }
    out.println();
    out.flush();
  }
}
