package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.tools.compare.CompareOptions;
import io.vescollector.tools.compare.CompareReport;
import io.vescollector.tools.compare.CompareRun;
import io.vescollector.tools.compare.PathKind;
import io.vescollector.tools.compare.Phase;
import io.vescollector.tools.compare.ReportWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: the same PM data over VES (single, batch) and 3GPP streaming (WebSocket, message bus). */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Send the same PM data over VES REST (single events, batches), TS 28.532 WebSocket streaming "
        + "and streaming over the message bus; report values/s, latency, bytes/value, collector CPU and loss.",
        "Starts an embedded broker and a collector child process; writes report.md, report.json and charts."})
public final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--producers", defaultValue = "4", description = "Simulated network functions (default: ${DEFAULT-VALUE}).")
  int producers;

  @Option(names = "--cells", defaultValue = "10", description = "Measured objects per producer (default: ${DEFAULT-VALUE}).")
  int cells;

  @Option(names = "--metrics", defaultValue = "20", description = "Metrics per cell and period (default: ${DEFAULT-VALUE}).")
  int metrics;

  @Option(names = "--duration", defaultValue = "8s", converter = DurationConverter.class,
      description = "Sending time per path and phase, e.g. 8s, 1m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--rate", defaultValue = "40000",
      description = "Offered metric values per second in the fixed-rate phase, the same for every path (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--phases", split = ",", defaultValue = "FIXED,MAX",
      description = "FIXED (same offered rate) and/or MAX (as fast as each path goes) (default: ${DEFAULT-VALUE}).")
  List<Phase> phases;

  @Option(names = "--paths", split = ",", defaultValue = "VES_SINGLE,VES_BATCH,WEBSOCKET,HV_VES,BUS",
      description = "Paths to run (default: ${DEFAULT-VALUE}).")
  List<PathKind> paths;

  @Option(names = "--out", defaultValue = "target/compare", description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", description = "Use this Kafka instead of an embedded broker.")
  String bootstrap;

  @Mixin
  KafkaConfigOption kafkaConfig;

  @Option(names = "--drain", defaultValue = "20s", converter = DurationConverter.class,
      description = "Longest wait for the last values after sending stops (default: ${DEFAULT-VALUE}).")
  Duration drain;

  @Option(names = "--warmup", defaultValue = "60s", converter = DurationConverter.class,
      description = "Unmeasured traffic per path before the measurements, in 2 s slices until the collector's JIT "
          + "compiler is quiet (under 5 %% of a core for two slices), at most this long; 0 skips it (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Override
  public Integer call() throws Exception {
    CompareOptions options;
    try {
      options = new CompareOptions(producers, cells, metrics, duration, rate, phases, paths, out,
          bootstrap == null && kafkaConfig.file == null ? null : kafkaConfig.settings(bootstrap), drain, warmup);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("compare: " + e.getMessage());
      return 2;
    }
    String command = "java -jar target/ves-collector.jar compare --producers " + producers + " --cells " + cells
        + " --metrics " + metrics + " --duration " + duration.toSeconds() + "s --rate " + (long) rate
        + " --phases " + String.join(",", phases.stream().map(Enum::name).toList()) + " --warmup "
        + warmup.toSeconds() + "s --out " + out;
    CompareReport report = new CompareRun(options, command, System.err).run();
    System.out.print(new ReportWriter(new ObjectMapper()).table(report));
    System.out.println("Report: " + out.resolve("report.md"));
    long lost = report.results().stream().mapToLong(r -> r.loss()).sum();
    return lost == 0 ? 0 : 1;
  }
}
