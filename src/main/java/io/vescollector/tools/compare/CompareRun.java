package io.vescollector.tools.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.vertx.core.Vertx;
import io.vescollector.FreePort;
import io.vescollector.kafka.EmbeddedKafkaBroker;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.streaming.producer.ProducerPlan;
import io.vescollector.tools.ChildProcess;
import io.vescollector.tools.Launcher;
import io.vescollector.tools.MachineInfo;
import io.vescollector.tools.ProcStats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs the comparison: a broker (embedded unless given), one collector as a child process, then each
 * path in turn, each phase in turn, with its own consumer; writes report.md, report.json and charts.
 */
public final class CompareRun {
  private static final String HOST = "127.0.0.1";
  private static final int GRANULARITY_SECONDS = 60;
  private static final int PARTITIONS = 3;

  private final CompareOptions options;
  private final String command;
  private final PrintStream err;
  private final ObjectMapper mapper = new ObjectMapper();
  private final String runId = UUID.randomUUID().toString().substring(0, 6);
  /** The collector's HV-VES port. */
  private int hvVesPort;

  public CompareRun(CompareOptions options, String command, PrintStream err) {
    this.options = options;
    this.command = command;
    this.err = err;
  }

  public CompareReport run() throws Exception {
    Files.createDirectories(options.out());
    EmbeddedKafkaBroker broker = null;
    Vertx vertx = null;
    Collector collector = null;
    try {
      KafkaClientSettings kafka = options.kafka();
      if (kafka == null) {
        err.println("Starting the embedded Kafka broker ...");
        broker = EmbeddedKafkaBroker.start(0, null, PARTITIONS);
        kafka = KafkaClientSettings.plain(broker.bootstrapServers());
      }
      String bootstrap = kafka.bootstrapServers();
      Topics topics = new Topics("compare-" + runId);
      createTopics(kafka, topics);
      Path config = options.out().resolve("collector.yaml");
      hvVesPort = FreePort.on(HOST);
      Files.writeString(config, collectorConfig(topics, hvVesPort) + kafkaClientsConfig(kafka));
      Path log = options.out().resolve("collector.log");
      err.println("Starting the collector (child process, log in " + log + ") ...");
      collector = Collector.start(config, FreePort.on(HOST), bootstrap, log);
      vertx = Vertx.vertx();
      Map<String, Double> warmUpSeconds = new LinkedHashMap<>();
      List<PathResult> results = new ArrayList<>();
      ProgressBar bar = new ProgressBar(err);
      for (int p = 0; p < options.paths().size(); p++) {
        PathKind path = options.paths().get(p);
        if (!options.warmup().isZero()) {
          bar.warming(p + 1, options.paths().size(), path);
          WarmedUp warm = warmUp(vertx, collector, kafka, topics, path);
          bar.warmedUp(p + 1, options.paths().size(), path, warm.seconds(), warm.quiet());
          warmUpSeconds.put(path.label(), Math.round(warm.seconds() * 10) / 10.0);
        }
        for (Phase phase : options.phases()) {
          PathResult r = runOne(vertx, collector, kafka, topics, path, phase, p + 1, bar);
          bar.done(p + 1, options.paths().size(), r);
          results.add(r);
        }
      }
      CompareReport report = new CompareReport(command, MachineInfo.current(), new CompareReport.Settings(
          options.producers(), options.cells(), options.metrics(), options.duration().toMillis() / 1000.0,
          options.phases().contains(Phase.FIXED) ? options.valuesPerSecond() : 0, options.phases(), warmUpSeconds),
          results);
      write(report);
      return report;
    } finally {
      if (vertx != null) {
        vertx.close().await();
      }
      if (collector != null) {
        collector.process().terminate(Duration.ofSeconds(30));
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  private PathResult runOne(Vertx vertx, Collector collector, KafkaClientSettings kafka, Topics topics, PathKind path,
                            Phase phase, int index, ProgressBar bar) throws Exception {
    int total = options.paths().size();
    ProducerPlan plan = new ProducerPlan(runId + path.ordinal() + phase.ordinal(), options.producers(),
        options.cells(), options.metrics(), GRANULARITY_SECONDS, 0, options.duration().toSeconds());
    Workload workload = new Workload(plan);
    long durationNanos = options.duration().toNanos();
    Pacing pacing = phase == Phase.FIXED
        ? Pacing.fixed(options.valuesPerSecond() / (workload.valuesPerPeriod() * (double) workload.producers()), durationNanos)
        : Pacing.max(durationNanos);
    SendTally tally = new SendTally();
    bar.show(index, total, path, phase, 0, "connecting");
    try (DeliveryCounter counter = new DeliveryCounter(kafka, topics.of(path), producerPrefix(plan), mapper);
         PathSender sender = sender(vertx, path, workload, tally, collector.port(), kafka, topics)) {
      counter.start();
      sender.open();
      long cpu0 = collector.cpuNanos();
      long jit0 = collector.jitCpuNanos();
      long startNanos = System.nanoTime();
      long startMillis = System.currentTimeMillis();
      long ticker = vertx.setPeriodic(500, t -> bar.show(index, total, path, phase,
          Math.min(1, (System.nanoTime() - startNanos) / (double) durationNanos), "sending"));
      try {
        sender.run(pacing);
      } finally {
        vertx.cancelTimer(ticker);
      }
      bar.show(index, total, path, phase, 1, "draining");
      counter.awaitValues(tally.values(), 3_000, options.drain().toMillis());
      long cpu1 = collector.cpuNanos();
      long jit1 = collector.jitCpuNanos();
      long received = counter.values();
      double seconds = received > 0 ? Math.max(0.001, (counter.lastReceiptMillis() - startMillis) / 1000.0)
          : durationNanos / 1e9;
      Histogram h = counter.latency();
      double perThousand = Math.max(1, received) / 1000.0;
      // The collector's JIT compiling is counted apart: it is warm-up, charged to whichever path ran while it lasted.
      boolean cpuKnown = path.throughCollector() && cpu0 >= 0 && cpu1 >= 0 && jit0 >= 0 && jit1 >= 0;
      Double collectorCpu = cpuKnown ? (cpu1 - cpu0 - (jit1 - jit0)) / 1e6 / perThousand : null;
      Double collectorJit = cpuKnown ? (jit1 - jit0) / 1e6 / perThousand : null;
      Double producerCpu = sender.producerCpuNanos() >= 0 ? sender.producerCpuNanos() / 1e6 / perThousand : null;
      return new PathResult(path, phase, phase == Phase.FIXED ? options.valuesPerSecond() : 0, seconds,
          tally.values(), received, tally.errors() + counter.errors(), received / seconds,
          h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50), h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99),
          h.getMaxValue(), tally.values() == 0 ? 0 : tally.bytes() / (double) tally.values(), collectorCpu, collectorJit,
          producerCpu);
    }
  }

  /**
   * The collector under test as a child {@code serve} process, so that its CPU time is its own and not mixed
   * with the load generator, the consumer and the broker that share this JVM.
   */
  private record Collector(ChildProcess process, int port, ProcStats proc) {
    static Collector start(Path config, int port, String bootstrap, Path log) throws Exception {
      List<String> args = List.of("serve", "--config", config.toString(), "--port", Integer.toString(port),
          "--kafka-bootstrap", bootstrap);
      ChildProcess process = ChildProcess.start(Launcher.current().command(List.of(), args), Map.of(),
          Path.of("").toAbsolutePath(), log);
      try {
        process.awaitReady("/health/ready 200", ChildProcess.answers200(URI.create("http://" + HOST + ":" + port
            + "/health/ready")), Duration.ofSeconds(90));
      } catch (ChildProcess.StartFailure | RuntimeException e) {
        process.terminate(Duration.ofSeconds(30));
        throw e;
      }
      return new Collector(process, port, ProcStats.system());
    }

    /** User + system CPU time of the process so far, in nanoseconds; -1 where /proc is not available. */
    long cpuNanos() {
      return nanos(proc.cpuSeconds(process.pid()));
    }

    /** CPU time of the process's JIT compiler threads so far, in nanoseconds; -1 where /proc is not available. */
    long jitCpuNanos() {
      return nanos(proc.jitCpuSeconds(process.pid()));
    }

    private static long nanos(double seconds) {
      return Double.isNaN(seconds) ? -1 : (long) (seconds * 1e9);
    }
  }

  /** How long a path's warm-up took, and whether the collector's compiler was quiet at its end. */
  private record WarmedUp(double seconds, boolean quiet) {
  }

  /**
   * Unmeasured traffic on the path right before its measurements, consumed as in a measurement, in
   * slices until the collector's JIT compiler is quiet ({@link WarmUpRule}). Warming every path up front
   * let the later paths' code make the collector recompile the first path's (its fixed-rate p99 was
   * 305 ms); warming without the consumer left this process's decoding cold, and the first measured
   * phase began 600 ms behind. This process's own compiler is not waited for: it also compiles the
   * embedded broker, and was still at half a core after a minute.
   */
  private WarmedUp warmUp(Vertx vertx, Collector collector, KafkaClientSettings kafka, Topics topics, PathKind path)
      throws Exception {
    WarmUpRule rule = WarmUpRule.upTo(options.warmup());
    long start = System.nanoTime();
    int quiet = 0;
    for (int slice = 0; !rule.done(quiet, System.nanoTime() - start); slice++) {
      ProducerPlan plan = new ProducerPlan(runId + "w" + path.ordinal() + "s" + slice,
          options.producers(), options.cells(), options.metrics(), GRANULARITY_SECONDS, 0, 1);
      Workload workload = new Workload(plan);
      SendTally tally = new SendTally();
      long jit0 = path.throughCollector() ? collector.jitCpuNanos() : 0;
      long sliceStart = System.nanoTime();
      try (DeliveryCounter counter = new DeliveryCounter(kafka, topics.of(path), producerPrefix(plan), mapper);
           PathSender sender = sender(vertx, path, workload, tally, collector.port(), kafka, topics)) {
        counter.start();
        sender.open();
        sender.run(Pacing.max(rule.slice().toNanos()));
        counter.awaitValues(tally.values(), 3_000, options.drain().toMillis());
      }
      long jit1 = path.throughCollector() ? collector.jitCpuNanos() : 0;
      // Without /proc the compiler cannot be watched: the rule's minimum of slices.
      quiet = rule.quietInARow(quiet, jit0 >= 0 && jit1 >= 0 ? jit1 - jit0 : 0, System.nanoTime() - sliceStart);
    }
    return new WarmedUp((System.nanoTime() - start) / 1e9, quiet >= rule.quietSlices());
  }

  /** What the DNs of a plan's producers start with, so a consumer counts this plan's values only. */
  private static String producerPrefix(ProducerPlan plan) {
    String first = plan.producerDn(0);
    return first.substring(0, first.lastIndexOf("-0,") + 1);
  }

  private PathSender sender(Vertx vertx, PathKind path, Workload workload, SendTally tally, int port,
                           KafkaClientSettings kafka,
                            Topics topics) {
    return switch (path) {
      case VES_SINGLE -> new VesSender(vertx, workload, tally, HOST, port, false);
      case VES_BATCH -> new VesSender(vertx, workload, tally, HOST, port, true);
      case WEBSOCKET -> new WebSocketSender(vertx, workload, tally, HOST, port, mapper);
      case HV_VES -> new HvVesSender(vertx, workload, tally, HOST, hvVesPort);
      case BUS -> new BusSender(workload, tally, kafka, topics.bus(), new BusEncoding(workload, mapper));
    };
  }

  private void write(CompareReport report) throws IOException {
    ReportWriter writer = new ReportWriter(mapper);
    Files.writeString(options.out().resolve("report.md"), writer.markdown(report));
    Files.writeString(options.out().resolve("report.json"), writer.json(report));
    new ChartWriter().write(report, options.out());
  }

  /** Topics of this run, created up front so each consumer can sit at their end before anything is sent. */
  private static void createTopics(KafkaClientSettings kafka, Topics topics) throws Exception {
    try (Admin admin = Admin.create(kafka.forAdmin())) {
      admin.createTopics(List.of(new NewTopic(topics.ves(), PARTITIONS, (short) 1),
          new NewTopic(topics.webSocket(), PARTITIONS, (short) 1), new NewTopic(topics.hvVes(), PARTITIONS, (short) 1),
          new NewTopic(topics.bus(), PARTITIONS, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
    }
  }

  /** The collector's settings: this run's topics, loopback only, nothing the comparison does not use. */
  static String collectorConfig(Topics topics, int hvVesPort) {
    return """
        server:
          host: 127.0.0.1
        stndDefined:
          enabled: false
        routing:
          domains:
            measurement: %s
        streaming:
          connectionsTopic: %s
          topics:
            performance: %s
        hvVes:
          enabled: true
          port: %d
          routes:
            perf3gpp: %s
        """.formatted(topics.ves(), topics.connections(), topics.webSocket(), hvVesPort, topics.hvVes());
  }

  /**
   * The client settings other than the bootstrap servers (which the child gets on its command line), for the
   * collector's file: values are written as given, so secrets should come through config providers.
   */
  static String kafkaClientsConfig(KafkaClientSettings kafka) {
    Map<String, Object> blocks = new LinkedHashMap<>();
    Map<String, String> common = new LinkedHashMap<>(kafka.common());
    common.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    blocks.put("common", common);
    blocks.put("producer", kafka.producer());
    blocks.put("admin", kafka.admin());
    blocks.put("consumer", kafka.consumer());
    try {
      return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
          .writeValueAsString(Map.of("kafka", blocks));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Topics(String prefix) {
    String ves() {
      return prefix + ".ves-measurement";
    }

    String webSocket() {
      return prefix + ".ws-performance";
    }

    String bus() {
      return prefix + ".bus-performance";
    }

    String hvVes() {
      return prefix + ".hvves-perf3gpp";
    }

    String connections() {
      return prefix + ".connections";
    }

    String of(PathKind path) {
      return switch (path) {
        case VES_SINGLE, VES_BATCH -> ves();
        case WEBSOCKET -> webSocket();
        case HV_VES -> hvVes();
        case BUS -> bus();
      };
    }
  }
}
