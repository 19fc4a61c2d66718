package io.vescollector.tools.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Formats a {@link LoadResult} for people (text), for machines (one JSON object) and as a progress line. */
public final class LoadReport {
  private LoadReport() {}

  public static String text(LoadResult r) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%s loop, %.1f s%n", r.openLoop() ? "Open" : "Closed",
        r.elapsed().toNanos() / 1e9));
    s.append(String.format(Locale.ROOT, "  sent              %d requests, %d events%n", r.requestsSent(), r.eventsSent()));
    if (r.openLoop()) {
      s.append(String.format(Locale.ROOT, "  not sent          %d requests, %d events (over the in-flight cap)%n",
          r.notSentRequests(), r.notSentEvents()));
    }
    s.append(String.format(Locale.ROOT, "  2xx               %d (%d events accepted)%n", r.responses2xx(), r.eventsAccepted()));
    s.append(String.format(Locale.ROOT, "  4xx               %d%n", r.responses4xx()));
    s.append(String.format(Locale.ROOT, "  5xx               %d%n", r.responses5xx()));
    if (r.responsesOther() > 0) {
      s.append(String.format(Locale.ROOT, "  other status      %d%n", r.responsesOther()));
    }
    s.append(String.format(Locale.ROOT, "  connection errors %d%n", r.connectionErrors()));
    if (r.retries() > 0) {
      s.append(String.format(Locale.ROOT, "  retries           %d (counts above are of each request's last attempt)%n", r.retries()));
    }
    if (!r.statusCounts().isEmpty()) {
      StringBuilder by = new StringBuilder();
      r.statusCounts().forEach((status, n) -> by.append(by.length() == 0 ? "" : ", ").append(status).append(": ").append(n));
      s.append("  by status         ").append(by).append(System.lineSeparator());
    }
    s.append(String.format(Locale.ROOT, "  throughput        %.0f requests/s, %.0f events/s accepted%n",
        r.requestsPerSecond(), r.eventsPerSecond()));
    LatencySummary l = r.latency();
    s.append(String.format(Locale.ROOT, "  latency           p50 %s  p90 %s  p99 %s  max %s%s%n", ms(l.p50()),
        ms(l.p90()), ms(l.p99()), ms(l.max()), r.openLoop() ? "  (from the scheduled send time)" : ""));
    if (r.intervals().size() > 1) {
      for (IntervalLatency i : r.intervals()) {
        LatencySummary il = i.latency();
        s.append(String.format(Locale.ROOT, "    %5.0f-%-5.0f s    p50 %s  p90 %s  p99 %s  max %s  (%d answers)%n",
            i.fromSeconds(), i.toSeconds(), ms(il.p50()), ms(il.p90()), ms(il.p99()), ms(il.max()), il.count()));
      }
    }
    if (r.firstError() != null) {
      s.append("  first error       ").append(r.firstError()).append(System.lineSeparator());
    }
    return s.toString();
  }

  public static String json(LoadResult r, ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    o.put("mode", r.openLoop() ? "open" : "closed");
    o.put("elapsedSeconds", r.elapsed().toNanos() / 1e9);
    o.put("requestsSent", r.requestsSent());
    o.put("eventsSent", r.eventsSent());
    o.put("notSentRequests", r.notSentRequests());
    o.put("notSentEvents", r.notSentEvents());
    o.put("responses2xx", r.responses2xx());
    o.put("responses4xx", r.responses4xx());
    o.put("responses5xx", r.responses5xx());
    o.put("responsesOther", r.responsesOther());
    o.put("connectionErrors", r.connectionErrors());
    o.put("retries", r.retries());
    o.put("eventsAccepted", r.eventsAccepted());
    ObjectNode byStatus = o.putObject("statusCounts");
    r.statusCounts().forEach((status, n) -> byStatus.put(String.valueOf(status), n));
    o.put("requestsPerSecond", round(r.requestsPerSecond()));
    o.put("eventsPerSecond", round(r.eventsPerSecond()));
    latencyMs(o.putObject("latencyMs"), r.latency());
    ArrayNode intervals = o.putArray("intervals");
    for (IntervalLatency i : r.intervals()) {
      ObjectNode interval = intervals.addObject();
      interval.put("fromSeconds", round(i.fromSeconds()));
      interval.put("toSeconds", round(i.toSeconds()));
      interval.put("answers", i.latency().count());
      latencyMs(interval.putObject("latencyMs"), i.latency());
    }
    if (r.firstError() != null) {
      o.put("firstError", r.firstError());
    }
    return o.toString();
  }

  private static void latencyMs(ObjectNode latency, LatencySummary l) {
    latency.put("p50", l.p50() / 1000.0);
    latency.put("p90", l.p90() / 1000.0);
    latency.put("p99", l.p99() / 1000.0);
    latency.put("max", l.max() / 1000.0);
    latency.put("mean", round(l.mean() / 1000.0));
  }

  static String progressLine(LoadResult r, int inFlight, long completedLastSecond) {
    return String.format(Locale.ROOT,
        "[%4.0fs] sent %d  2xx %d  4xx %d  5xx %d  conn-err %d%s  in flight %d  %d req/s  p99 %s",
        r.elapsed().toNanos() / 1e9, r.requestsSent(), r.responses2xx(), r.responses4xx(), r.responses5xx(),
        r.connectionErrors(), r.openLoop() ? "  not sent " + r.notSentRequests() : "", inFlight,
        completedLastSecond, ms(r.latency().p99()));
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
