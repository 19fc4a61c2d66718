package io.vescollector.tools.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.tools.MachineInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** report.md (hardware, command, one row per path and phase, a short reading) and report.json. */
public final class ReportWriter {
  private final ObjectMapper mapper;

  public ReportWriter(ObjectMapper mapper) {
    this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  public String markdown(CompareReport report) {
    StringBuilder md = new StringBuilder();
    MachineInfo hw = report.hardware();
    CompareReport.Settings s = report.settings();
    md.append("# VES and 3GPP streaming, side by side\n\n");
    md.append(String.format(Locale.ROOT, "Hardware: %d CPUs (%s), %d MB memory; %s on %s. Collector, broker, load "
        + "generator and consumer share the machine.%n%n", hw.cpus(), hw.cpuModel(), hw.memTotalMb(), hw.javaVersion(), hw.os()));
    md.append("Command: `").append(report.command()).append("`\n\n");
    md.append(String.format(Locale.ROOT, "Workload: %d producers x %d cells x %d metrics = %d values per granularity "
        + "period; %.0f s per path and phase; fixed rate %.0f values/s.%n%n", s.producers(), s.cells(), s.metrics(),
        s.producers() * s.cells() * s.metrics(), s.durationSeconds(), s.offeredValuesPerSecond()));
    if (!s.warmUpSeconds().isEmpty()) {
      md.append("Warm-up of each path right before its measurements, consumed but not measured, until the collector's "
          + "JIT compiler threads were quiet (or --warmup ran out): ")
          .append(String.join(", ", s.warmUpSeconds().entrySet().stream()
              .map(e -> String.format(Locale.ROOT, "%s %.0f s", e.getKey(), e.getValue())).toList()))
          .append(".\n\n");
    }
    md.append(table(report)).append('\n');
    md.append("Bytes per value: VES = HTTP request bytes (request line, headers, body); WebSocket = frame payload + "
        + "header + mask; HV-VES = WTP frames (12-byte header + VesEvent); bus = the producers' Kafka outgoing-byte-total. Latency: producer's send time in the data "
        + "to the consumer's poll, per cell report. Collector CPU leaves out its JIT compiler threads, counted apart: "
        + "compiling is warm-up, not the path's cost. See docs/COMPARISON.md.\n\n");
    md.append("## Reading\n\n");
    reading(report).forEach(sentence -> md.append(sentence).append(' '));
    md.append("\n\n![throughput](throughput.png)\n");
    for (Phase phase : s.phases()) {
      md.append("![latency, ").append(phase.label()).append("](latency-").append(phase.name().toLowerCase(Locale.ROOT))
          .append(".png)\n");
    }
    return md.toString();
  }

  public String table(CompareReport report) {
    StringBuilder t = new StringBuilder();
    t.append("| Path | Phase | Values/s | p50 ms | p99 ms | max ms | Bytes/value | Collector CPU ms/1k values "
        + "| Collector JIT ms/1k values | Producer CPU ms/1k values | Sent | Received | Loss | Errors |\n");
    t.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (PathResult r : report.results()) {
      t.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.0f | %.0f | %.0f | %.1f | %s | %s | %s | %d | %d | %d | %d |%n",
          r.path().label(), r.phase().label(), r.valuesPerSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.bytesPerValue(),
          optional(r.collectorCpuMsPer1kValues()), optional(r.collectorJitMsPer1kValues()),
          optional(r.producerCpuMsPer1kValues()), r.valuesSent(),
          r.valuesReceived(), r.loss(), r.errors()));
    }
    return t.toString();
  }

  /** A few sentences derived from the figures, for a reader with one minute. */
  public List<String> reading(CompareReport report) {
    List<String> out = new ArrayList<>();
    List<PathResult> max = report.of(Phase.MAX);
    List<PathResult> fixed = report.of(Phase.FIXED);
    if (!max.isEmpty()) {
      PathResult best = max.stream().max(Comparator.comparingDouble(PathResult::valuesPerSecond)).orElseThrow();
      PathResult worst = max.stream().min(Comparator.comparingDouble(PathResult::valuesPerSecond)).orElseThrow();
      out.add(best == worst
          ? String.format(Locale.ROOT, "Flat out, %s carried %,.0f metric values per second into Kafka.",
              best.path().label(), best.valuesPerSecond())
          : String.format(Locale.ROOT, "Flat out, %s carried the most metric values into Kafka (%,.0f values/s), "
              + "%s the fewest (%,.0f values/s, %.1fx less).", best.path().label(), best.valuesPerSecond(),
              worst.path().label(), worst.valuesPerSecond(), best.valuesPerSecond() / Math.max(1, worst.valuesPerSecond())));
      find(max, PathKind.VES_BATCH).ifPresent(batch -> find(max, PathKind.VES_SINGLE).ifPresent(single ->
          out.add(String.format(Locale.ROOT, "Batching VES (one eventBatch per producer period) gave %.1fx the "
              + "values/s of one event per POST.", batch.valuesPerSecond() / Math.max(1, single.valuesPerSecond())))));
      find(max, PathKind.WEBSOCKET).ifPresent(ws -> out.add(String.format(Locale.ROOT,
          "The WebSocket GPB stream reached %,.0f values/s through the collector.", ws.valuesPerSecond())));
      find(max, PathKind.HV_VES).ifPresent(hv -> out.add(find(max, PathKind.WEBSOCKET).map(ws -> String.format(Locale.ROOT,
          "HV-VES (binary VES, one perf3gpp event per producer period) reached %,.0f values/s, %.2fx the WebSocket "
              + "stream's.", hv.valuesPerSecond(), hv.valuesPerSecond() / Math.max(1, ws.valuesPerSecond())))
          .orElse(String.format(Locale.ROOT, "HV-VES reached %,.0f values/s through the collector.",
              hv.valuesPerSecond()))));
    }
    List<PathResult> any = fixed.isEmpty() ? max : fixed;
    PathResult lean = any.stream().min(Comparator.comparingDouble(PathResult::bytesPerValue)).orElse(null);
    PathResult fat = any.stream().max(Comparator.comparingDouble(PathResult::bytesPerValue)).orElse(null);
    if (lean == fat && lean != null) {
      out.add(String.format(Locale.ROOT, "On the wire, %s needs %.1f bytes per value.", lean.path().label(),
          lean.bytesPerValue()));
    } else if (lean != null) {
      out.add(String.format(Locale.ROOT, "On the wire, %s needs %.1f bytes per value and %s %.1f (%.0fx).",
          lean.path().label(), lean.bytesPerValue(), fat.path().label(), fat.bytesPerValue(),
          fat.bytesPerValue() / Math.max(0.001, lean.bytesPerValue())));
    }
    if (!fixed.isEmpty()) {
      PathResult fast = fixed.stream().min(Comparator.comparingDouble(PathResult::p99Ms)).orElseThrow();
      PathResult slow = fixed.stream().max(Comparator.comparingDouble(PathResult::p99Ms)).orElseThrow();
      out.add(fast == slow
          ? String.format(Locale.ROOT, "At %,.0f values/s offered, the p99 latency of %s was %.0f ms.",
              report.settings().offeredValuesPerSecond(), fast.path().label(), fast.p99Ms())
          : String.format(Locale.ROOT, "At the same offered rate (%,.0f values/s) the p99 latency ranged from "
              + "%.0f ms (%s) to %.0f ms (%s).", report.settings().offeredValuesPerSecond(), fast.p99Ms(),
              fast.path().label(), slow.p99Ms(), slow.path().label()));
    }
    for (PathResult r : fixed) {
      double offered = r.offeredValuesPerSecond() * report.settings().durationSeconds();
      if (offered > 0 && r.valuesSent() < 0.95 * offered) {
        out.add(String.format(Locale.ROOT, "%s could not keep up with the offered rate: its producers sent only "
            + "%.0f%% of the scheduled values, and the backlog shows as latency.", r.path().label(),
            100.0 * r.valuesSent() / offered));
      }
    }
    List<PathResult> withCpu = any.stream().filter(r -> r.collectorCpuMsPer1kValues() != null).toList();
    if (!withCpu.isEmpty()) {
      PathResult cheap = withCpu.stream().min(Comparator.comparingDouble(PathResult::collectorCpuMsPer1kValues)).orElseThrow();
      PathResult dear = withCpu.stream().max(Comparator.comparingDouble(PathResult::collectorCpuMsPer1kValues)).orElseThrow();
      String bus = any.stream().anyMatch(r -> r.path() == PathKind.BUS)
          ? "; the message-bus path uses no collector at all." : ".";
      out.add(cheap == dear
          ? String.format(Locale.ROOT, "The collector spent %.2f ms of CPU per thousand values on %s%s",
              cheap.collectorCpuMsPer1kValues(), cheap.path().label(), bus)
          : String.format(Locale.ROOT, "The collector spent %.2f ms of CPU per thousand values on %s and %.2f ms "
              + "on %s%s", cheap.collectorCpuMsPer1kValues(), cheap.path().label(), dear.collectorCpuMsPer1kValues(),
              dear.path().label(), bus));
    }
    long lost = report.results().stream().mapToLong(PathResult::loss).sum();
    long errors = report.results().stream().mapToLong(PathResult::errors).sum();
    out.add(lost == 0 && errors == 0 ? "No value was lost and no request failed on any path."
        : String.format(Locale.ROOT, "%d values were lost and %d sends failed in total (see the table).", lost, errors));
    out.add("Everything shares one machine, so the figures are relative to it and noisy between runs.");
    return out;
  }

  public String json(CompareReport report) {
    ObjectNode root = mapper.createObjectNode();
    root.put("command", report.command());
    root.set("hardware", mapper.valueToTree(report.hardware()));
    root.set("settings", mapper.valueToTree(report.settings()));
    ArrayNode results = root.putArray("results");
    for (PathResult r : report.results()) {
      ObjectNode n = mapper.valueToTree(r);
      n.put("path", r.path().name());
      n.put("pathLabel", r.path().label());
      n.put("loss", r.loss());
      results.add(n);
    }
    ArrayNode reading = root.putArray("reading");
    reading(report).forEach(reading::add);
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<PathResult> find(List<PathResult> results, PathKind path) {
    return results.stream().filter(r -> r.path() == path).findFirst();
  }

  private static String optional(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }
}
