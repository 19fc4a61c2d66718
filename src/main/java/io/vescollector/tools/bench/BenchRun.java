package io.vescollector.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vescollector.FreePort;
import io.vescollector.tools.MachineInfo;
import io.vescollector.tools.ProcStats;
import io.vescollector.tools.bench.ChildProcess.StartFailure;
import io.vescollector.tools.send.LoadResult;
import io.vescollector.tools.send.LoadRun;
import io.vescollector.tools.send.SendOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One benchmark run, start to end: a Kafka broker, the collector and the no-op ceiling server, each
 * in a process of its own (so the collector's memory and CPU are its own), driven in turn by the
 * {@code send} load generator in this process. Everything it starts is stopped and its temporary
 * directory deleted by {@link #close()}, which a shutdown hook also calls on Ctrl-C.
 */
public final class BenchRun implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  static final String MAIN_CLASS = "io.vescollector.cli.Main";
  static final int STALL_SECONDS = 2;
  /**
   * The open loop gets this many times the closed loop's connections. With the same number, 70 % of
   * the closed loop's rate left each connection 30 % spare: any hiccup of the target queued requests in
   * the load generator's pool, waiting for a connection, and that wait (seconds, to drain) was reported
   * as the target's latency.
   */
  static final int OPEN_LOOP_CONNECTIONS = 4;
  static final int SETTLE_SECONDS = 2;

  static final String DEFAULT_FAULT_TOPIC = "unauthenticated.SEC_FAULT_OUTPUT";
  /**
   * A fixed heap (as Kafka's own start script sets) with a 256 MB young generation, collected by the
   * parallel collector. Every produce request in flight waits out a broker pause, so the broker's pauses
   * are the single-event open loop's tail. Under that load, GC logs showed: with -Xmx512m alone, G1 kept
   * the heap at about 107 MB and paused 5-10 ms every 1.6 s; with the heap fixed, 19 ms every 16 s;
   * with this, 4-9 ms every 9 s.
   */
  static final List<String> BROKER_JVM_FLAGS = List.of("-XX:+UseParallelGC", "-Xms512m", "-Xmx512m", "-Xmn256m");
  /**
   * The collector's in-flight bound for its 96 MB heap (OPERATIONS.md: at most half the heap), so that a
   * Kafka stall under full load fills the bound and gets 503s instead of exhausting the heap. 64 batches
   * in flight need about 5 MB of it.
   */
  static final long MAX_IN_FLIGHT_BYTES = 24L << 20;
  /**
   * glibc gives each thread that allocates natively an arena of its own (up to 8 per core); two are
   * enough for a JVM, whose Java objects live in its heap. Batch load at 64 connections: 7 MB less RSS.
   * A value already in the environment wins.
   */
  static final Map<String, String> CHILD_ENV = Map.of("MALLOC_ARENA_MAX",
      System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));

  private final BenchOptions options;
  private final PrintStream log;
  private final ProcStats proc = ProcStats.system();
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Path tempDir;
  private final Thread shutdownHook;
  /** Events accepted during the open loops' unmeasured settling, counted against the topic at the end. */
  private long settledEvents;
  private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private Vertx vertx;
  private ChildProcess broker;
  private String bootstrap;

  /** Creates the temporary directory and registers the shutdown hook; {@link #run()} does the work. */
  public BenchRun(BenchOptions options, PrintStream log) throws IOException {
    this.options = options;
    this.log = log;
    this.tempDir = Files.createTempDirectory("ves-bench-");
    this.shutdownHook = new Thread(() -> {
      if (!closed.get()) {
        log.println("bench: interrupted: stopping the processes it started");
      }
      stopEverything();
    }, "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public BenchResult run() throws StartFailure, IOException, InterruptedException {
    Instant started = Instant.now();
    MachineInfo machine = MachineInfo.current();
    log.println("bench: " + machine);
    log.println("bench: collector and no-op JVM flags: " + String.join(" ", options.collectorJvmFlags())
        + "; event loops: " + options.eventLoops() + "; broker: " + String.join(" ", BROKER_JVM_FLAGS));

    int kafkaPort = FreePort.on(HOST);
    broker = launch("broker", BROKER_JVM_FLAGS, List.of("broker", "--port", String.valueOf(kafkaPort),
        "--data-dir", tempDir.resolve("kafka").toString(), "--partitions", "3"), tempDir);
    int noopPort = FreePort.on(HOST);
    ChildProcess noop = launch("no-op server", options.collectorJvmFlags(), List.of("bench-noop", "--port",
        String.valueOf(noopPort), "--event-loops", String.valueOf(options.eventLoops())), tempDir);
    broker.awaitReady("its port " + kafkaPort + " accepting connections", () -> accepts(kafkaPort), options.startTimeout());
    log.println("bench: broker ready on " + HOST + ":" + kafkaPort + " (pid " + broker.pid() + ")");

    bootstrap = HOST + ":" + kafkaPort;
    int collectorPort = FreePort.on(HOST);
    Path collectorDir = Files.createDirectories(tempDir.resolve("collector"));
    Path config = writeCollectorConfig(collectorDir);
    ChildProcess collector = launch("collector", options.collectorJvmFlags(), List.of("serve", "--config",
        config.toString(), "--port", String.valueOf(collectorPort), "--kafka-bootstrap", bootstrap), collectorDir);
    noop.awaitReady("its port " + noopPort + " accepting connections", () -> accepts(noopPort), options.startTimeout());
    log.println("bench: no-op server ready on port " + noopPort + " (pid " + noop.pid() + ")");
    collector.awaitReady("/health/ready = 200", () -> ready(collectorPort), options.startTimeout());
    log.println("bench: collector ready on port " + collectorPort + " (pid " + collector.pid() + ")");

    vertx = Vertx.vertx();
    String noopUrl = "http://" + HOST + ":" + noopPort;
    String collectorUrl = "http://" + HOST + ":" + collectorPort;
    BenchPayloads singles = BenchPayloads.of(mapper, 1);
    BenchPayloads batches = BenchPayloads.of(mapper, options.batchSize());
    log.println("bench: request bodies: single " + singles.bodyBytes() + " bytes, batch of " + options.batchSize()
        + " " + batches.bodyBytes() + " bytes");

    // The first target's warm-up is twice as long: it warms this process's load generator too.
    Scenario noopScenario = scenario("noop", "no-op server, single events", noopUrl, noop, singles, 1,
        options.singleConcurrency(), false, options.warmup().multipliedBy(2));
    Scenario single;
    Scenario batch;
    Double rssMb;
    try (RssSampler rss = new RssSampler(proc, collector.pid(), 100)) {
      // Batches first, with the longer warm-up: they push about five times as many events per second through
      // the collector and the broker as single requests do, so the JIT has compiled both before either is
      // measured (in --quick, single events measured first ran at a third of their warm speed).
      batch = scenario("batch", "collector, " + options.batchSize() + "-event batches", collectorUrl, collector, batches,
          options.batchSize(), options.batchConcurrency(), true, options.warmup().multipliedBy(2));
      single = scenario("single", "collector, single events", collectorUrl, collector, singles, 1,
          options.singleConcurrency(), true, options.warmup());
      rssMb = rss.peakMb();
    }
    Double hwmMb = proc.peakRssKb(collector.pid()).stream().mapToDouble(kb -> kb / 1024.0).boxed().findFirst().orElse(null);
    List<String> problems = new ArrayList<>();
    noopScenario.problems().forEach(problems::add);
    single.problems().forEach(problems::add);
    batch.problems().forEach(problems::add);
    long accepted = settledEvents + Stream.of(single, batch).flatMap(s -> Stream.of(s.warmup(), s.closed(), s.open()))
        .mapToLong(r -> r.result().eventsAccepted()).sum();
    Long inKafka = countInKafka(bootstrap, accepted, problems);
    if (!collector.isAlive()) {
      problems.add("the collector process exited during the run\n" + collector.tail(20));
    }
    BenchFigures figures = BenchFigures.of(noopScenario, single, batch, rssMb);
    if (inKafka != null && inKafka < accepted) {
      figures = figures.withoutCollectorFigures(); // 2xx without a stored record: its rates mean nothing
    }
    return new BenchResult(started, Duration.between(started, Instant.now()), options.quick(), machine,
        options.collectorJvmFlags(), ManagementFactory.getRuntimeMXBean().getInputArguments(),
        options.collectorSettings(), options.eventLoops(), singles.bodyBytes(),
        batches.bodyBytes(), options.openLoopFraction(), options.warmup(), options.measure(), noopScenario, single, batch,
        figures, rssMb, hwmMb, accepted, inKafka, List.copyOf(warnings), List.copyOf(problems));
  }

  /** Warm-up, closed loop for throughput, then (if {@code withOpenLoop}) open loop at a fraction of it. */
  private Scenario scenario(String name, String description, String url, ChildProcess target, BenchPayloads payloads,
                            int batchSize, int concurrency, boolean withOpenLoop, Duration warmupFor) {
    log.println("bench: " + description + ": warm-up " + warmupFor.toSeconds() + " s");
    MeasuredRun warmup = measure(name + " warm-up", url, target, payloads, batchSize, concurrency, warmupFor, 0);
    if (!warmup.valid()) {
      warmup.problems().forEach(p -> warnings.add("(warm-up) " + p));
      warmup.problems().forEach(p -> log.println("bench: WARNING (warm-up) " + p));
    }
    exerciseBrokerRarePaths();
    log.println("bench: " + description + ": closed loop, " + concurrency + " in flight, "
        + options.measure().toSeconds() + " s");
    MeasuredRun closed = measure(name + " closed loop", url, target, payloads, batchSize, concurrency, options.measure(), 0);
    report(closed);
    MeasuredRun open = null;
    if (withOpenLoop) {
      double rate = closed.result().eventsPerSecond() * options.openLoopFraction();
      if (rate <= 0) {
        rate = 100.0 * batchSize;
        warnings.add(name + ": the closed loop accepted nothing; open loop at " + rate + " events/s instead");
      }
      log.println(String.format(java.util.Locale.ROOT, "bench: %s: open loop at %.0f events/s (%.0f%% of closed loop), %d s",
          description, rate, options.openLoopFraction() * 100, options.measure().toSeconds()));
      open = measure(name + " open loop", url, target, payloads, batchSize, concurrency * OPEN_LOOP_CONNECTIONS,
          options.measure(), rate);
      report(open);
    }
    return new Scenario(name, description, batchSize, concurrency, warmup, closed, open);
  }

  private void exerciseBrokerRarePaths() {
    try {
      BrokerRarePaths.exercise(bootstrap);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String warning = "(warm-up) the broker did not answer a metadata request: " + e;
      warnings.add(warning);
      log.println("bench: WARNING " + warning);
    }
  }

  private MeasuredRun measure(String label, String url, ChildProcess target, BenchPayloads payloads, int batchSize,
                              int concurrency, Duration duration, double rate) {
    SendOptions send = loadOptions(url, rate, duration, concurrency, batchSize, maxOutstanding(rate, batchSize));
    // The open loop keeps one schedule (one generator); a closed loop is split over the client loops.
    int lanes = rate > 0 ? 1 : Math.min(options.clientLoops(), concurrency);
    HttpClientAgent openLoopClient = rate > 0 ? LoadRun.client(vertx, send) : null;
    if (openLoopClient != null) {
      settle(send, payloads, openLoopClient);
    }
    long self = ProcessHandle.current().pid();
    double cpuBefore = proc.cpuSeconds(target.pid());
    double selfBefore = proc.cpuSeconds(self);
    double brokerBefore = proc.cpuSeconds(broker.pid());
    double machineBefore = proc.machineBusySeconds();
    List<io.vertx.core.Future<LoadResult>> parts = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      int share = concurrency / lanes + (i < concurrency % lanes ? 1 : 0);
      SendOptions part = lanes == 1 ? send : loadOptions(url, rate, duration, share, batchSize, 10_000);
      String prefix = "  " + label + (lanes == 1 ? " " : " [client loop " + (i + 1) + "] ");
      parts.add(new LoadRun(vertx, part, i == 0 ? payloads : payloads.copy(), line -> log.println(prefix + line),
          openLoopClient).start());
    }
    LoadResult result = MergedResults.merge(io.vertx.core.Future.all(parts).await().list());
    if (openLoopClient != null) {
      openLoopClient.close().await();
    }
    double cpu = proc.cpuSeconds(target.pid()) - cpuBefore;
    double clientCpu = proc.cpuSeconds(self) - selfBefore;
    double brokerCpu = proc.cpuSeconds(broker.pid()) - brokerBefore;
    double machine = proc.machineBusySeconds() - machineBefore;
    return new MeasuredRun(label, result, cpu, clientCpu, brokerCpu, machine, RunCheck.problems(label, result, batchSize));
  }

  /**
   * The bench's load: the fixed fault event from one source pool, no credentials. The request timeout
   * (30 s plus twice the run) keeps the pool from closing the open loop's spare connections during the
   * run: a closed connection makes the collector recompile its read path (JFR), and about a hundred
   * closed at once, 30 s into a 35 s open loop, came with a 50 ms stall.
   */
  private static SendOptions loadOptions(String url, double rate, Duration duration, int concurrency, int batchSize,
                                         int maxOutstanding) {
    return new SendOptions(url, rate, duration, 0, concurrency, batchSize, List.of("fault"), 1, List.of(), null, null,
        false, maxOutstanding, Duration.ofSeconds(30).plus(duration.multipliedBy(2)), false);
  }

  /**
   * Runs the open loop's schedule for {@value #SETTLE_SECONDS} s, unmeasured, on the client the measured
   * run then uses. Opening hundreds of connections at once took the first 100-150 ms of a run (one
   * second's requests waited behind them), which is the generator's start, not the target's latency;
   * wrk2 leaves out its first ten seconds for the same reason.
   */
  private void settle(SendOptions measured, BenchPayloads payloads, HttpClientAgent client) {
    SendOptions settle = loadOptions(measured.url(), measured.ratePerSecond(), Duration.ofSeconds(SETTLE_SECONDS),
        measured.concurrency(), measured.batchSize(), measured.maxOutstanding());
    log.println("bench: open loop: " + SETTLE_SECONDS + " s on the schedule to open its connections, not measured");
    LoadResult result = new LoadRun(vertx, settle, payloads.copy(), null, client).start().await();
    settledEvents += result.eventsAccepted();
    for (String problem : RunCheck.problems("open-loop settling", result, measured.batchSize())) {
      warnings.add("(settling) " + problem);
      log.println("bench: WARNING (settling) " + problem);
    }
  }

  /**
   * Open loop: requests in flight at most, enough for a {@value #STALL_SECONDS} s stall of the target,
   * which then shows as latency; a longer stall leaves requests unsent and the run invalid.
   */
  static int maxOutstanding(double eventsPerSecond, int eventsPerRequest) {
    return (int) Math.max(1_000, Math.ceil(eventsPerSecond / eventsPerRequest * STALL_SECONDS));
  }

  private void report(MeasuredRun run) {
    LoadResult r = run.result();
    log.println(String.format(java.util.Locale.ROOT,
        "bench: %s: %d requests, %d 2xx, %.0f events/s, p50 %.2f p99 %.2f max %.2f ms; cores: target %.2f (%.1f µs/event),"
            + " broker %.2f, load generator %.2f, other processes %.2f",
        run.phase(), r.requestsSent(), r.responses2xx(), r.eventsPerSecond(), r.latency().p50() / 1000.0,
        r.latency().p99() / 1000.0, r.latency().max() / 1000.0, run.targetCores(), run.targetCpuMicrosPerEvent(),
        run.brokerCores(), run.loadGeneratorCores(), run.otherCores()));
    run.problems().forEach(p -> log.println("bench: *** INVALID *** " + p));
  }

  private Long countInKafka(String bootstrap, long accepted, List<String> problems) {
    String topic = options.collectorSettings().getOrDefault("routing.domains.fault", DEFAULT_FAULT_TOPIC);
    try {
      long records = KafkaRecordCount.of(bootstrap, topic);
      log.println("bench: " + accepted + " events answered 2xx by the collector, " + records + " records in " + topic);
      if (records < accepted) {
        problems.add("LOSS: the collector answered 2xx for " + accepted + " events but " + topic + " holds only "
            + records + " records");
      }
      return records;
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why = e + (root == e ? "" : " (" + root + ")");
      warnings.add("could not count the records in " + topic + ": " + why);
      log.println("bench: WARNING could not count the records in " + topic + ": " + why);
      return null;
    }
  }

  private Path writeCollectorConfig(Path dir) throws IOException {
    ObjectNode yaml = mapper.createObjectNode();
    yaml.put("server.eventLoops", String.valueOf(options.eventLoops()));
    yaml.put("kafka.maxInFlightBytes", String.valueOf(MAX_IN_FLIGHT_BYTES));
    options.collectorSettings().forEach(yaml::put);
    Path file = dir.resolve("bench-collector.yaml");
    new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), yaml);
    return file;
  }

  private ChildProcess launch(String name, List<String> jvmFlags, List<String> args, Path workDir) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(selfLaunch());
    command.addAll(args);
    Path logFile = tempDir.resolve(name.replace(' ', '-') + ".log");
    ChildProcess child = ChildProcess.start(name, command, CHILD_ENV, workDir, logFile);
    children.add(child);
    return child;
  }

  /**
   * How to start this program again: {@code -jar} when it runs from its own jar, else its class path
   * and main class (from an IDE or a test runner, whose class path may be a manifest-only jar).
   */
  static List<String> selfLaunch() {
    String classPath = System.getProperty("java.class.path");
    Path ownJar = ownJar();
    if (ownJar != null && Path.of(classPath).toAbsolutePath().equals(ownJar)) {
      return List.of("-jar", ownJar.toString());
    }
    return List.of("-cp", classPath, MAIN_CLASS);
  }

  private static Path ownJar() {
    try {
      Path location = Path.of(BenchRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? location.toAbsolutePath() : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean ready(int port) {
    try {
      HttpResponse<Void> response = probe.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port
          + "/health/ready")).timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Copies the child processes' logs to {@code dir} (for a look after a failure). */
  public void keepLogs(Path dir) {
    try {
      Files.createDirectories(dir);
      for (ChildProcess child : children) {
        if (Files.exists(child.log())) {
          Files.copy(child.log(), dir.resolve(child.log().getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      log.println("bench: could not keep the logs in " + dir + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    stopEverything();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run.
    }
  }

  /** Stops the load generator and every child (collector first, broker last), then deletes the temp dir. */
  private void stopEverything() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (vertx != null) {
      try {
        vertx.close().await();
      } catch (RuntimeException e) {
        // Closing anyway.
      }
    }
    List<ChildProcess> reversed = new ArrayList<>(children);
    java.util.Collections.reverse(reversed);
    reversed.forEach(ChildProcess::close);
    deleteTree(tempDir);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp dir left behind is not worth failing the run for.
    }
  }
}
