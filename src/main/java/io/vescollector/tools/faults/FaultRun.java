package io.vescollector.tools.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.SettingsLoader;
import io.vescollector.streaming.StreamType;
import io.vescollector.tools.Launcher;
import io.vescollector.tools.MachineInfo;
import io.vescollector.tools.ProcStats;
import io.vescollector.tools.send.LoadResult;
import io.vescollector.tools.send.LoadRun;
import io.vescollector.tools.send.OutcomeLog;
import io.vescollector.tools.send.RequestOutcome;
import io.vescollector.tools.send.SendOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault harness: for each scenario, a fresh cluster of three {@code ves broker} processes and two
 * {@code ves serve} collectors; {@code send} in an open loop over both collectors, logging every request; the
 * fault and its healing; then every topic read back and matched with the log by eventId. Bounded: every wait
 * has a deadline, and every process it started is gone when it returns (or when this JVM exits).
 */
public final class FaultRun {
  /** The load's domains: four topics, three partitions each. */
  static final List<String> DOMAINS = List.of("fault", "heartbeat", "measurement", "notification");
  private static final int SOURCES = 64;
  private static final Duration LOAD_END = Duration.ofSeconds(120);
  private static final Duration READBACK = Duration.ofSeconds(120);
  private static final Duration STREAM_FOR = Duration.ofSeconds(4);

  private final FaultOptions options;
  private final Launcher launcher;
  private final PrintStream log;
  private final String commit;

  public FaultRun(FaultOptions options, Launcher launcher, PrintStream log, String commit) {
    this.options = options;
    this.launcher = launcher;
    this.log = log;
    this.commit = commit;
  }

  public FaultReport run() throws IOException {
    long t0 = System.nanoTime();
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Files.createDirectories(options.out());
    CollectorConfig defaults = CollectorConfig.from(new SettingsLoader().load(null, Map.of(), Map.of()));
    List<String> loadTopics = DOMAINS.stream().map(d -> defaults.routing().topicForDomain(d)).distinct().toList();
    String connectionsTopic = defaults.streaming().connectionsTopic();
    String performanceTopic = defaults.streaming().topics().of(StreamType.PERFORMANCE);
    List<String> topics = new ArrayList<>(loadTopics);
    topics.add(connectionsTopic);
    topics.add(performanceTopic);

    Findings findings = new Findings();
    Vertx vertx = Vertx.vertx();
    try (ChildProcesses children = new ChildProcesses(options.out().resolve("pids"))) {
      Topics t = new Topics(loadTopics, topics, connectionsTopic, performanceTopic);
      if (options.clusterPerScenario()) {
        for (int i = 0; i < options.scenarios().size(); i++) {
          String name = options.scenarios().get(i);
          Path dir = Files.createDirectories(options.out().resolve((i + 1) + "-" + name));
          announce(i, name, dir);
          Timeline timeline = new Timeline(log);
          try (FaultCluster cluster = FaultCluster.start(dir, t.all(), t.connections(), launcher, children, log)) {
            runScenario(vertx, name, cluster, t, dir, timeline, true, findings);
          } catch (Exception e) {
            findings.failed(name, e, timeline, log);
          }
        }
      } else {
        Path clusterDir = Files.createDirectories(options.out().resolve("cluster"));
        try (FaultCluster cluster = FaultCluster.start(clusterDir, t.all(), t.connections(), launcher, children, log)) {
          for (int i = 0; i < options.scenarios().size(); i++) {
            String name = options.scenarios().get(i);
            Path dir = Files.createDirectories(options.out().resolve((i + 1) + "-" + name));
            announce(i, name, dir);
            Timeline timeline = new Timeline(log);
            try {
              runScenario(vertx, name, cluster, t, dir, timeline, i == 0, findings);
            } catch (Exception e) {
              findings.failed(name, e, timeline, log);
            }
          }
        } catch (Exception e) {
          findings.failed("cluster", e, new Timeline(log), log);
        }
      }
    } finally {
      vertx.close().await();
    }
    FaultReport report = new FaultReport(started, commit, MachineInfo.current(), options, findings.results,
        findings.streaming, findings.failures, (System.nanoTime() - t0) / 1e9);
    Files.writeString(options.out().resolve("faults.md"), report.markdown());
    ObjectMapper mapper = new ObjectMapper();
    Files.writeString(options.out().resolve("faults.json"),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report.json(mapper)));
    return report;
  }

  /** The topics of a run: those the load writes, all the harness creates, and the two of streaming. */
  private record Topics(List<String> load, List<String> all, String connections, String performance) {}

  /** What the scenarios gave, as they finish. */
  private static final class Findings {
    final List<ScenarioResult> results = new ArrayList<>();
    final Map<String, String> failures = new LinkedHashMap<>();
    StreamingResult streaming;

    void failed(String name, Exception e, Timeline timeline, PrintStream log) {
      if (timeline.isOpen()) {
        timeline.abandon(e.toString());
      }
      failures.put(name, e.toString());
      log.println("faults: " + name + " failed: " + e);
    }
  }

  private void announce(int i, String name, Path dir) {
    log.printf("faults: scenario %d of %d: %s (%s)%n", i + 1, options.scenarios().size(), name, dir);
  }

  private void runScenario(Vertx vertx, String name, FaultCluster cluster, Topics topics, Path dir, Timeline timeline,
                           boolean warm, Findings findings) throws Exception {
    if (name.equals("streaming-failover")) {
      findings.streaming = new StreamingFailover(cluster, topics.performance(), STREAM_FOR, timeline).run();
      return;
    }
    if (warm) {
      warmUp(vertx, cluster.collectors().stream().map(CollectorNode::url).toList(), timeline);
    }
    runUnderLoad(vertx, options.scenario(name), cluster, topics.load(), dir, timeline, findings);
  }

  /**
   * A closed loop, 16 requests in flight per collector, before the measured open loop, unlogged: five cold
   * JVMs on a small machine (brokers, collectors, this one) otherwise build a backlog in the open loop's
   * first seconds that is still draining when the fault comes (with 4 in flight, requests in the first six
   * seconds of a run waited 2-3 s).
   */
  private void warmUp(Vertx vertx, List<String> urls, Timeline timeline) throws Exception {
    SendOptions warm = new SendOptions(urls, 0, options.warmUp(), 0, 16, 1, DOMAINS, SOURCES, List.of(), null, null,
        false, 1_000, Duration.ofSeconds(30), false, 1, null, null);
    LoadResult r = new LoadRun(vertx, warm, LoadRun.sourceFor(warm, new ObjectMapper(), Clock.systemUTC()), null)
        .start().toCompletionStage().toCompletableFuture().get(options.warmUp().toSeconds() + 60, TimeUnit.SECONDS);
    timeline.note(String.format(Locale.ROOT, "warm-up (closed loop, not counted): %d requests, %d answered 202, %.0f/s",
        r.requestsSent(), r.responses2xx(), r.requestsPerSecond()));
  }

  /** Adds the scenario's figures to {@code findings}, also when the scenario failed (then it throws after). */
  private void runUnderLoad(Vertx vertx, Scenario scenario, FaultCluster cluster, List<String> loadTopics, Path dir,
                            Timeline timeline, Findings findings) throws Exception {
    Path outcomes = dir.resolve("outcomes.jsonl");
    List<String> urls = cluster.collectors().stream().map(CollectorNode::url).toList();
    SendOptions send = new SendOptions(urls, options.rate(), null, 0, options.connections(), 1, DOMAINS, SOURCES,
        List.of(), null, null, false, 50_000, Duration.ofSeconds(30), false, 1, outcomes, null);
    AtomicInteger seconds = new AtomicInteger();
    LoadRun load = new LoadRun(vertx, send, LoadRun.sourceFor(send, new ObjectMapper(), Clock.systemUTC()),
        line -> {
          if (seconds.incrementAndGet() % 5 == 0) {
            log.println("faults:   send " + line.trim());
          }
        });
    ProcStats.MachineLoad machine = ProcStats.system().machineLoad();
    Future<LoadResult> running = load.start();
    Exception failure = null;
    try {
      Thread.sleep(options.before().toMillis()); // load before the fault, a parameter of the run
      FaultCluster.BusiestPartition busiest = cluster.busiestPartition(loadTopics);
      timeline.note("busiest partition " + busiest.partition() + " (" + busiest.records() + " records), led by broker "
          + busiest.leader());
      scenario.inject(cluster, timeline, busiest);
      Thread.sleep(options.after().toMillis()); // load after recovery, a parameter of the run
    } catch (Exception e) {
      failure = e; // still count what was sent and stored: a scenario that failed may also have lost events
      timeline.abandon(e.toString());
    } finally {
      load.stop();
      running.toCompletionStage().toCompletableFuture().get(LOAD_END.toSeconds(), TimeUnit.SECONDS);
      timeline.note(machine.since());
    }
    Map<String, Integer> stored = EventReadback.countEventIds(cluster.bootstrap(), loadTopics, READBACK);
    List<RequestOutcome> logged = OutcomeLog.read(outcomes);
    ScenarioResult result = OutcomeAnalysis.analyse(scenario, logged, stored, timeline);
    log.printf("faults: %s: sent %d, 202 %d, 503 %d, other %d, unanswered %d, in Kafka %d, 202 absent %d, duplicated %d%n",
        result.name(), result.sent(), result.accepted(), result.unavailable(), result.other(), result.unanswered(),
        result.stored(), result.acceptedAbsent(), result.duplicated());
    findings.results.add(result);
    if (failure != null) {
      throw failure;
    }
  }
}
