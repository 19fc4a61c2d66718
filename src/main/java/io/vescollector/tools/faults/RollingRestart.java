package io.vescollector.tools.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * Each broker in turn: SIGTERM (a controlled shutdown, which moves its leaderships first), start again, wait
 * until every replica is in sync, next: the way brokers are upgraded.
 */
record RollingRestart() implements Scenario {
  private static final Duration GRACE = Duration.ofSeconds(120);

  @Override
  public String name() {
    return "rolling-restart";
  }

  @Override
  public String description() {
    return "rolling restart of the three brokers: SIGTERM, start, wait until every replica is in sync, next";
  }

  @Override
  public void inject(FaultCluster cluster, Timeline timeline, FaultCluster.BusiestPartition busiest) throws Exception {
    timeline.faultStarts("rolling restart begins");
    for (BrokerNode broker : cluster.brokers()) {
      Duration stopped = broker.terminate(GRACE);
      timeline.note(stopped == null ? "SIGTERM " + broker + ": still running after " + GRACE.toSeconds() + " s, killed"
          : String.format(Locale.ROOT, "SIGTERM %s: exited in %.1f s", broker, stopped.toMillis() / 1000.0));
      broker.start();
      broker.awaitServing(FaultCluster.START_TIMEOUT);
      Duration sync = cluster.awaitFullIsr(FaultCluster.RECOVERY_TIMEOUT);
      timeline.note(String.format(Locale.ROOT, "%s serving again, every replica in sync %.1f s later", broker,
          sync.toMillis() / 1000.0));
    }
    timeline.faultEnds("rolling restart done");
  }
}
