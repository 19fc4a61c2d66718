package io.vescollector.tools.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/**
 * What an HV-VES run sent. WTP has no acknowledgement, so "sent" means written to the socket; whether
 * the collector stored an event is for its metrics (or a consumer) to say.
 */
public record HvVesSendResult(long events, long values, long bytes, Duration elapsed, long connectionErrors,
                              String firstError) {

  public double eventsPerSecond() {
    return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  public double valuesPerSecond() {
    return values / Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  /** Bytes on the wire (WTP header and payload; not TCP/TLS overhead) per metric value. */
  public double bytesPerValue() {
    return values == 0 ? 0 : bytes / (double) values;
  }

  public String json(ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    o.put("protocol", "hv-ves");
    o.put("elapsedSeconds", elapsed.toNanos() / 1e9);
    o.put("eventsSent", events);
    o.put("valuesSent", values);
    o.put("bytesSent", bytes);
    o.put("eventsPerSecond", eventsPerSecond());
    o.put("valuesPerSecond", valuesPerSecond());
    o.put("bytesPerValue", bytesPerValue());
    o.put("connectionErrors", connectionErrors);
    if (firstError != null) {
      o.put("firstError", firstError);
    }
    return o.toString();
  }

  public String text() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "HV-VES, %.1f s%n", elapsed.toNanos() / 1e9));
    s.append(String.format(Locale.ROOT, "  sent              %d events, %d values, %d bytes (WTP frames)%n", events,
        values, bytes));
    s.append(String.format(Locale.ROOT, "  throughput        %.0f events/s, %.0f values/s written%n", eventsPerSecond(),
        valuesPerSecond()));
    s.append(String.format(Locale.ROOT, "  bytes per value   %.2f%n", bytesPerValue()));
    s.append(String.format(Locale.ROOT, "  connection errors %d%n", connectionErrors));
    if (firstError != null) {
      s.append("  first error       ").append(firstError).append(System.lineSeparator());
    }
    return s.toString();
  }
}
