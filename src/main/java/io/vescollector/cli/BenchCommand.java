package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.tools.bench.BenchChart;
import io.vescollector.tools.bench.BenchOptions;
import io.vescollector.tools.bench.BenchReport;
import io.vescollector.tools.bench.BenchResult;
import io.vescollector.tools.bench.BenchRun;
import io.vescollector.tools.bench.ChildProcess.StartFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the reproducible load benchmark. Exit status 0 when every run was clean, 1 when a
 * figure could not be believed (non-2xx answers, errors, loss), 2 on bad usage, 3 when a process did
 * not start.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Load benchmark: starts a Kafka broker, the collector and a no-op HTTP server, each in its own "
        + "process, and drives them with the send load generator: single-event POSTs and 100-event batches "
        + "(throughput closed loop, latency open loop), the no-op server as this machine's ceiling.",
        "Progress goes to standard error; the last line on standard output is one JSON object of the headline figures."})
public final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "Short warm-ups and runs: done within 60 s including start-ups.")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write bench.json, bench.md and bench.png here (full run default: target/bench; quick: none).")
  Path out;

  @Option(names = "--warmup", converter = DurationConverter.class, paramLabel = "D",
      description = "Warm-up per target (default: 3s quick, 30s full).")
  Duration warmup;

  @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
      description = "Length of each measured run (default: 4s quick, 30s full).")
  Duration duration;

  @Option(names = "--jvm-flags", paramLabel = "FLAGS",
      description = "JVM flags of the collector and no-op processes, one string (default: "
          + BenchOptions.DEFAULT_JVM_FLAGS_TEXT + ").")
  String jvmFlags;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Collector configuration key for this run, e.g. --set kafka.producer.linger.ms=1; repeatable.")
  Map<String, String> settings;

  @Option(names = {"-c", "--concurrency"}, defaultValue = "64",
      description = "Single events: connections / requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--batch-concurrency", defaultValue = "16",
      description = "Batches: connections / requests in flight (default: ${DEFAULT-VALUE}).")
  int batchConcurrency;

  @Option(names = "--batch-size", defaultValue = "100", description = "Events per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--open-loop-fraction", defaultValue = "0.7",
      description = "Open-loop rate as a fraction of the closed loop's throughput (default: ${DEFAULT-VALUE}).")
  double openLoopFraction;

  @Option(names = "--event-loops", description = "Event-loop verticles of collector and no-op server (default: CPU cores).")
  Integer eventLoops;

  @Option(names = "--client-loops", defaultValue = "2",
      description = "Closed loops: event loops of the load generator sharing the connections (default: ${DEFAULT-VALUE}).")
  int clientLoops;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintStream err = System.err;
    BenchOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("bench: " + e.getMessage());
      return 2;
    }
    ObjectMapper mapper = new ObjectMapper();
    try (BenchRun run = new BenchRun(options, err)) {
      BenchResult result;
      try {
        result = run.run();
      } catch (StartFailure e) {
        Path logs = logDir(options);
        run.keepLogs(logs);
        err.println("bench: FAILED: " + e.getMessage());
        err.println("bench: the processes' logs are in " + logs);
        return 3;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("bench: interrupted");
        return 1;
      } catch (IOException | RuntimeException e) {
        Path logs = logDir(options);
        run.keepLogs(logs);
        err.println("bench: FAILED: " + e);
        err.println("bench: the processes' logs are in " + logs);
        return 1;
      }
      if (options.out() != null) {
        run.keepLogs(options.out().resolve("logs"));
        try {
          List<Path> written = new BenchReport(mapper).write(result, options.out());
          BenchChart.write(result, options.out().resolve("bench.png"));
          err.println("bench: wrote " + written + " and " + options.out().resolve("bench.png"));
        } catch (IOException | RuntimeException e) {
          err.println("bench: could not write the report in " + options.out() + ": " + e);
        }
      }
      result.warnings().forEach(w -> err.println("bench: warning: " + w));
      if (!result.valid()) {
        err.println("bench: *****************************************************************");
        err.println("bench: INVALID RUN: the figures of runs with errors are null, not numbers:");
        result.problems().forEach(p -> err.println("bench:   - " + p));
        err.println("bench: *****************************************************************");
      }
      err.println(String.format(java.util.Locale.ROOT, "bench: done in %.0f s", result.wallClock().toMillis() / 1000.0));
      stdout.println(result.figures().jsonLine(mapper));
      stdout.flush();
      return result.valid() ? 0 : 1;
    } catch (IOException e) {
      err.println("bench: FAILED: cannot create a temporary directory: " + e);
      return 1;
    }
  }

  private static Path logDir(BenchOptions options) {
    return (options.out() != null ? options.out() : Path.of("target", "bench")).resolve("logs");
  }

  private BenchOptions options() {
    BenchOptions d = BenchOptions.defaults(quick);
    List<String> flags = jvmFlags == null ? d.collectorJvmFlags()
        : Arrays.stream(jvmFlags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    return new BenchOptions(quick, warmup != null ? warmup : d.warmup(), duration != null ? duration : d.measure(),
        out != null ? out : d.out(), flags, settings == null ? Map.of() : settings, concurrency, batchConcurrency,
        batchSize, openLoopFraction, eventLoops != null ? eventLoops : d.eventLoops(), clientLoops, d.startTimeout());
  }
}
