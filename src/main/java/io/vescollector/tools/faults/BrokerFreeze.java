package io.vescollector.tools.faults;

import java.time.Duration;

/**
 * SIGSTOP of the broker leading the busiest partition for {@code frozen}, then SIGCONT: a broker that is
 * neither up nor down (a long GC pause, a hung disk), whose connections stay open and say nothing.
 */
record BrokerFreeze(Duration frozen) implements Scenario {
  @Override
  public String name() {
    return "broker-freeze";
  }

  @Override
  public String description() {
    return "SIGSTOP of the broker leading the busiest partition for " + frozen.toSeconds() + " s, then SIGCONT";
  }

  @Override
  public void inject(FaultCluster cluster, Timeline timeline, FaultCluster.BusiestPartition busiest) throws Exception {
    BrokerNode victim = cluster.broker(busiest.leader());
    timeline.faultStarts("SIGSTOP " + victim + ", leader of " + busiest.partition());
    victim.freeze();
    try {
      Thread.sleep(frozen.toMillis()); // the fault's length, a parameter of the scenario
    } finally {
      victim.thaw();
    }
    timeline.note("SIGCONT " + victim);
    cluster.endFaultWhenInSync(timeline, "SIGCONT");
  }
}
