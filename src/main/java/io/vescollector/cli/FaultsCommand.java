package io.vescollector.cli;

import io.vescollector.tools.Launcher;
import io.vescollector.tools.faults.FaultOptions;
import io.vescollector.tools.faults.FaultReport;
import io.vescollector.tools.faults.FaultRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faults}: the fault harness (bench/faults runs it). Exit status 0 when every scenario ran and no event
 * answered 202 is missing from Kafka, 1 when one is (or a request is unaccounted for, or streaming did not
 * fail over), 3 when a scenario could not be run.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fault harness: for each scenario, three Kafka brokers (one KRaft cluster, topics at three "
        + "replicas, min.insync.replicas 2) and two collectors as processes on loopback, send in an open loop over "
        + "both, one fault, then every topic read back and matched with every request's outcome by eventId.",
        "Writes faults.md, faults.json, each scenario's outcome log and the processes' logs to --out."})
public final class FaultsCommand implements Callable<Integer> {
  @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
      description = "Scenarios to run, in order (default: all): broker-kill, rolling-restart, two-brokers-down, "
          + "broker-freeze, collector-kill, streaming-failover.")
  List<String> scenarios;

  @Option(names = "--quick", description = "The CI's short run: broker-kill and collector-kill (without the SIGTERM "
      + "of the second collector), shorter phases, unless --scenarios names others.")
  boolean quick;

  @Option(names = "--rate", paramLabel = "N[/s]", converter = RateConverter.class,
      description = "Events per second send schedules over both collectors (default: 200).")
  Double rate;

  @Option(names = "--out", defaultValue = "target/faults", paramLabel = "DIR",
      description = "Report, outcome logs and process logs (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--commit", description = "The build's commit, for the report.")
  String commit;

  @Override
  public Integer call() throws Exception {
    FaultOptions options = quick ? FaultOptions.quick(out) : FaultOptions.full(out);
    if (scenarios != null) {
      options = options.withScenarios(scenarios);
    }
    if (rate != null) {
      options = options.withRate(rate);
    }
    FaultReport report = new FaultRun(options, Launcher.current(), System.err, commit).run();
    System.out.print(report.markdown());
    System.out.flush();
    if (!report.failures().isEmpty()) {
      return 3;
    }
    return report.clean() ? 0 : 1;
  }
}
