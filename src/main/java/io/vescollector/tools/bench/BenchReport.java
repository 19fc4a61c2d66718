package io.vescollector.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.tools.send.LoadReport;
import io.vescollector.tools.send.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a benchmark run as {@code bench.json} (every figure) and {@code bench.md} (tables a person reads). */
public final class BenchReport {
  /** The project's speed targets: figure, comparison, bound. */
  record Target(String figure, boolean atLeast, double bound) {
    boolean met(Double value) {
      return value != null && (atLeast ? value >= bound : value <= bound);
    }
  }

  static final List<Target> TARGETS = List.of(new Target("single_eps", true, 45_000), new Target("single_p99_ms", false, 10),
      new Target("ratio_single_to_noop", true, 0.33), new Target("batch_eps", true, 250_000),
      new Target("batch_p99_ms", false, 60), new Target("rss_mb", false, 256));

  private final ObjectMapper mapper;

  public BenchReport(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Writes bench.json and bench.md into {@code dir}; returns the files written. */
  public List<Path> write(BenchResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve("bench.json");
    Path md = dir.resolve("bench.md");
    mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), json(r));
    Files.writeString(md, markdown(r, "bench.png"));
    return List.of(json, md);
  }

  ObjectNode json(BenchResult r) {
    ObjectNode o = mapper.createObjectNode();
    o.set("figures", readTree(r.figures().jsonLine(mapper)));
    o.put("valid", r.valid());
    r.problems().forEach(o.putArray("problems")::add);
    r.warnings().forEach(o.putArray("warnings")::add);
    o.put("mode", r.quick() ? "quick" : "full");
    o.put("started", r.started().toString());
    o.put("wallClockSeconds", r.wallClock().toMillis() / 1000.0);
    ObjectNode machine = o.putObject("machine");
    machine.put("cpus", r.machine().cpus());
    machine.put("cpuModel", r.machine().cpuModel());
    machine.put("memTotalMb", r.machine().memTotalMb());
    machine.put("java", r.machine().javaVersion());
    machine.put("os", r.machine().os());
    ObjectNode collector = o.putObject("collector");
    r.jvmFlags().forEach(collector.putArray("jvmFlags")::add);
    ObjectNode settings = collector.putObject("settings");
    r.collectorSettings().forEach(settings::put);
    collector.put("eventLoops", r.eventLoops());
    BenchFigures.put(collector, "rssPeakMbUnderLoad", r.rssPeakMb(), 1);
    BenchFigures.put(collector, "rssHwmMb", r.rssHwmMb(), 1);
    ObjectNode load = o.putObject("load");
    load.put("singleBodyBytes", r.singleBodyBytes());
    load.put("batchBodyBytes", r.batchBodyBytes());
    load.put("batchSize", r.batch().batchSize());
    load.put("openLoopFraction", r.openLoopFraction());
    r.loadGeneratorFlags().forEach(load.putArray("generatorJvmFlags")::add);
    load.put("warmupSeconds", r.warmup().toMillis() / 1000.0);
    load.put("measureSeconds", r.measure().toMillis() / 1000.0);
    ObjectNode kafka = o.putObject("kafka");
    kafka.put("eventsAnswered2xx", r.eventsAccepted());
    if (r.recordsInKafka() == null) {
      kafka.putNull("recordsInTopic");
    } else {
      kafka.put("recordsInTopic", r.recordsInKafka());
    }
    ArrayNode scenarios = o.putArray("scenarios");
    for (Scenario s : r.scenarios()) {
      ObjectNode node = scenarios.addObject();
      node.put("name", s.name());
      node.put("description", s.description());
      node.put("eventsPerRequest", s.batchSize());
      node.put("concurrency", s.concurrency());
      ArrayNode runs = node.putArray("runs");
      for (MeasuredRun run : runs(s)) {
        ObjectNode rn = (ObjectNode) readTree(LoadReport.json(run.result(), mapper));
        rn.put("phase", run.phase());
        rn.put("valid", run.valid());
        run.problems().forEach(rn.putArray("problems")::add);
        BenchFigures.put(rn, "targetCpuSeconds", run.targetCpuSeconds(), 3);
        BenchFigures.put(rn, "targetCores", run.targetCores(), 3);
        BenchFigures.put(rn, "targetCpuMicrosPerEvent", run.targetCpuMicrosPerEvent(), 2);
        BenchFigures.put(rn, "loadGeneratorCores", run.loadGeneratorCores(), 3);
        BenchFigures.put(rn, "brokerCores", run.brokerCores(), 3);
        BenchFigures.put(rn, "machineBusyCores", run.machineBusyCores(), 3);
        BenchFigures.put(rn, "otherProcessesCores", run.otherCores(), 3);
        runs.add(rn);
      }
    }
    return o;
  }

  String markdown(BenchResult r, String chartFile) {
    StringBuilder s = new StringBuilder();
    s.append("# VES collector load benchmark\n\n");
    if (!r.valid()) {
      s.append("**INVALID RUN: some figures cannot be believed (see Problems); they are left out.**\n\n");
    }
    s.append(String.format(Locale.ROOT, "%s run of %s, %.0f s wall clock. Machine: %s.%n%n",
        r.quick() ? "Quick" : "Full", r.started(), r.wallClock().toMillis() / 1000.0, r.machine()));
    s.append("| Figure | Value | Target | Met |\n|---|---|---|---|\n");
    ObjectNode figures = (ObjectNode) readTree(r.figures().jsonLine(mapper));
    figures.fieldNames().forEachRemaining(name -> {
      Target t = TARGETS.stream().filter(x -> x.figure().equals(name)).findFirst().orElse(null);
      Double value = figures.get(name).isNull() ? null : figures.get(name).asDouble();
      s.append("| ").append(name).append(" | ").append(value == null ? "invalid" : figures.get(name).asText())
          .append(" | ").append(t == null ? "" : (t.atLeast() ? "≥ " : "≤ ") + plain(t.bound()))
          .append(" | ").append(t == null ? "" : t.met(value) ? "yes" : "**no**").append(" |\n");
    });
    s.append("\n![throughput and latency](").append(chartFile).append(")\n\n");
    s.append("## Runs\n\n");
    s.append("| Run | Loop | Requests | 2xx | non-2xx | Conn. errors | Not sent | Events/s | p50 ms | p99 ms | max ms"
        + " | Target cores | Target µs/event | Broker cores | Load gen. cores | Other cores |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario sc : r.scenarios()) {
      for (MeasuredRun run : runs(sc)) {
        LoadResult l = run.result();
        s.append(String.format(Locale.ROOT, "| %s%s | %s | %d | %d | %d | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f |%n",
            run.phase(), run.valid() ? "" : " (invalid)", l.openLoop() ? "open" : "closed", l.requestsSent(),
            l.responses2xx(), l.responses4xx() + l.responses5xx() + l.responsesOther(), l.connectionErrors(),
            l.notSentRequests(), l.eventsPerSecond(), l.latency().p50() / 1000.0, l.latency().p99() / 1000.0,
            l.latency().max() / 1000.0, run.targetCores(), run.targetCpuMicrosPerEvent(), run.brokerCores(), run.loadGeneratorCores(),
            run.otherCores()));
      }
    }
    s.append("\nClosed loop: a fixed number of requests in flight, each sent when the previous answered (throughput)."
        + " Closed-loop runs split the connections over the load generator's event loops; their p50/p99 are then the"
        + " worst part's. Other cores: the machine's busy CPU minus target, broker and load generator (other people's"
        + " work on a shared machine). Open loop: requests sent on a fixed schedule at ").append(plain(r.openLoopFraction() * 100))
        .append(" % of the closed loop's rate; latency counts from each request's scheduled time (no coordinated omission).\n\n");
    s.append("## Set-up\n\n");
    s.append("- Collector and no-op server JVM flags: `").append(String.join(" ", r.jvmFlags())).append("`, ")
        .append(r.eventLoops()).append(" event-loop verticles each; broker: `")
        .append(String.join(" ", BenchRun.BROKER_JVM_FLAGS)).append("`, each in its own process; environment `")
        .append(BenchRun.CHILD_ENV).append("`; collector `kafka.maxInFlightBytes` ")
        .append(BenchRun.MAX_IN_FLIGHT_BYTES >> 20).append(" MiB unless set below; load generator (this process): `")
        .append(String.join(" ", r.loadGeneratorFlags())).append("`.\n");
    if (!r.collectorSettings().isEmpty()) {
      s.append("- Collector settings: `").append(r.collectorSettings()).append("`\n");
    }
    s.append(String.format(Locale.ROOT, "- Load: a %d-byte VES 7 fault event (single), %d-byte bodies of %d events (batch);"
        + " warm-up %d s per target, runs of %d s.%n", r.singleBodyBytes(), r.batchBodyBytes(), r.batch().batchSize(),
        r.warmup().toSeconds(), r.measure().toSeconds()));
    s.append(String.format(Locale.ROOT, "- Collector RSS: peak sampled under load %s MiB, VmHWM (life-time peak) %s MiB.%n",
        plainOrUnknown(r.rssPeakMb()), plainOrUnknown(r.rssHwmMb())));
    s.append("- Events answered 2xx (warm-ups included): ").append(r.eventsAccepted()).append("; records in the topic: ")
        .append(r.recordsInKafka() == null ? "not counted" : r.recordsInKafka()).append(".\n");
    if (!r.problems().isEmpty()) {
      s.append("\n## Problems\n\n");
      r.problems().forEach(p -> s.append("- ").append(p.replace("\n", " ")).append('\n'));
    }
    if (!r.warnings().isEmpty()) {
      s.append("\n## Warnings\n\n");
      r.warnings().forEach(w -> s.append("- ").append(w.replace("\n", " ")).append('\n'));
    }
    s.append("\nReproduce: `bench/run` (this report) or `bench/run --quick` (the headline figures only).\n");
    return s.toString();
  }

  static List<MeasuredRun> runs(Scenario s) {
    return s.open() == null ? List.of(s.warmup(), s.closed()) : List.of(s.warmup(), s.closed(), s.open());
  }

  private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String plainOrUnknown(Double v) {
    return v == null ? "unknown" : String.format(Locale.ROOT, "%.1f", v);
  }
}
