package io.vescollector.tools.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one harness run does. In a full run every scenario gets a cluster of its own (three brokers, two
 * collectors), so one scenario's aftermath cannot colour the next; the short run shares one, to save the
 * start-up and the warm-up.
 *
 * @param scenarios names, in order: {@value #ALL_TEXT}
 * @param rate events per second {@code send} schedules (one event per request), over both collectors
 * @param warmUp a closed loop before the measured load, not counted
 * @param before load before the first fault
 * @param after load after the cluster has recovered
 * @param brokerDown how long a killed broker stays down
 * @param frozen how long a broker stays stopped (SIGSTOP)
 * @param belowMinIsr how long two brokers stay down
 * @param collectorDown how long a killed collector stays down
 * @param terminateSecondCollector after collector A is back, send collector B a SIGTERM
 * @param connections HTTP connections per collector that {@code send} may open
 * @param clusterPerScenario a fresh cluster for each scenario, or one for all
 * @param out where the report, the outcome logs and the processes' logs go
 */
public record FaultOptions(List<String> scenarios, double rate, Duration warmUp, Duration before, Duration after, Duration brokerDown,
                           Duration frozen, Duration belowMinIsr, Duration collectorDown,
                           boolean terminateSecondCollector, int connections, boolean clusterPerScenario, Path out) {
  public static final List<String> ALL = List.of("broker-kill", "rolling-restart", "two-brokers-down", "broker-freeze",
      "collector-kill", "streaming-failover");
  static final String ALL_TEXT = "broker-kill, rolling-restart, two-brokers-down, broker-freeze, collector-kill, "
      + "streaming-failover";

  public FaultOptions {
    scenarios = List.copyOf(scenarios);
    for (String s : scenarios) {
      if (!ALL.contains(s)) {
        throw new IllegalArgumentException("unknown scenario '" + s + "'; known: " + ALL_TEXT);
      }
    }
    if (rate <= 0 || connections < 1) {
      throw new IllegalArgumentException("the rate and the connections must be positive");
    }
  }

  /** Every scenario with the lengths the issue names: a killed broker down 10 s, a frozen one 30 s. */
  public static FaultOptions full(Path out) {
    return new FaultOptions(ALL, 200, Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(10), true, 2048, true, out);
  }

  /** The CI's short run: one broker kill and one collector kill (no SIGTERM of the second), shorter phases. */
  public static FaultOptions quick(Path out) {
    return new FaultOptions(List.of("broker-kill", "collector-kill"), 200, Duration.ofSeconds(8), Duration.ofSeconds(6), Duration.ofSeconds(6),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(5), false, 1024, false,
        out);
  }

  public FaultOptions withScenarios(List<String> names) {
    return new FaultOptions(names, rate, warmUp, before, after, brokerDown, frozen, belowMinIsr, collectorDown,
        terminateSecondCollector, connections, clusterPerScenario, out);
  }

  public FaultOptions withRate(double eventsPerSecond) {
    return new FaultOptions(scenarios, eventsPerSecond, warmUp, before, after, brokerDown, frozen, belowMinIsr, collectorDown,
        terminateSecondCollector, connections, clusterPerScenario, out);
  }

  Scenario scenario(String name) {
    return switch (name) {
      case "broker-kill" -> new BrokerKill(brokerDown);
      case "rolling-restart" -> new RollingRestart();
      case "two-brokers-down" -> new TwoBrokersDown(belowMinIsr);
      case "broker-freeze" -> new BrokerFreeze(frozen);
      case "collector-kill" -> new CollectorKill(collectorDown, terminateSecondCollector);
      default -> throw new IllegalArgumentException("not a load scenario: " + name);
    };
  }
}
