package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Counts per domain and per source, and the end-to-end delay of each event: this tool's receive time
 * minus {@code lastEpochMicrosec} (source to consumer; includes the sources' clock offset) and minus
 * {@code internalHeaderFields.collectorTimeStamp} (collector to consumer). Live on a terminal, printed at the end.
 */
public final class SummarySink implements EventSink {
  private static final int TOP_SOURCES = 20;

  private final PrintWriter out;
  private final PrintWriter live;
  private final Map<String, Long> byDomain = new HashMap<>();
  private final Map<String, Long> bySource = new HashMap<>();
  private final Histogram sinceEvent = new Histogram(3);
  private final Histogram sinceCollector = new Histogram(3);
  private long events;
  private long notVes;
  private long negativeDelays;

  /** @param live where to redraw a one-line status while consuming, or null */
  public SummarySink(PrintWriter out, PrintWriter live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public void accept(ConsumedEvent e) {
    events++;
    JsonNode header = e.event() == null ? null : e.event().path("commonEventHeader");
    if (header == null || !header.isObject()) {
      notVes++;
      return;
    }
    byDomain.merge(header.path("domain").asText("?"), 1L, Long::sum);
    bySource.merge(header.path("sourceName").asText("?"), 1L, Long::sum);
    JsonNode last = header.get("lastEpochMicrosec");
    if (last != null && last.isNumber()) {
      record(sinceEvent, e.consumedAtMicros() - last.asLong());
    }
    String collected = header.path("internalHeaderFields").path("collectorTimeStamp").asText("");
    try {
      Instant at = Instant.parse(collected);
      record(sinceCollector, e.consumedAtMicros() - (at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000));
    } catch (DateTimeParseException notRfc3339) {
      // the onap timestamp format has no milliseconds worth measuring against
    }
  }

  private void record(Histogram h, long delayMicros) {
    if (delayMicros < 0) {
      negativeDelays++;
    }
    h.recordValue(Math.max(0, delayMicros));
  }

  public long events() {
    return events;
  }

  public Map<String, Long> byDomain() {
    return Map.copyOf(byDomain);
  }

  public Map<String, Long> bySource() {
    return Map.copyOf(bySource);
  }

  @Override
  public void tick() {
    if (live != null) {
      live.printf("\r%d events  %d sources  collector->consumer p99 %s   ", events, bySource.size(),
          duration(sinceCollector.getTotalCount() == 0 ? -1 : sinceCollector.getValueAtPercentile(99)));
      live.flush();
    }
  }

  @Override
  public void finish() {
    if (live != null) {
      live.println();
      live.flush();
    }
    out.printf("%d events%s%n", events, notVes > 0 ? " (" + notVes + " not VES records)" : "");
    out.println("by domain:");
    sorted(byDomain).forEach(en -> out.printf("  %-28s %d%n", en.getKey(), en.getValue()));
    out.println("by source:" + (bySource.size() > TOP_SOURCES ? " (top " + TOP_SOURCES + " of " + bySource.size() + ")" : ""));
    sorted(bySource).stream().limit(TOP_SOURCES).forEach(en -> out.printf("  %-28s %d%n", en.getKey(), en.getValue()));
    out.println("end-to-end delay (consumer time minus):");
    out.println("  lastEpochMicrosec           " + percentiles(sinceEvent));
    out.println("  collectorTimeStamp          " + percentiles(sinceCollector));
    if (negativeDelays > 0) {
      out.printf("  (%d delays were negative, counted as 0: clocks differ)%n", negativeDelays);
    }
    out.flush();
  }

  private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .toList();
  }

  private static String percentiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "n/a";
    }
    return "p50 " + duration(h.getValueAtPercentile(50)) + "  p99 " + duration(h.getValueAtPercentile(99))
        + "  max " + duration(h.getMaxValue()) + "  (" + h.getTotalCount() + " events)";
  }

  private static String duration(long micros) {
    if (micros < 0) {
      return "n/a";
    }
    if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
    if (micros < 3_600_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f h", micros / 3.6e9);
  }
}
