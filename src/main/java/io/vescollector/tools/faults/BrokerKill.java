package io.vescollector.tools.faults;

import java.time.Duration;

/** kill -9 of the broker leading the busiest partition, restarted after {@code down}. */
record BrokerKill(Duration down) implements Scenario {
  @Override
  public String name() {
    return "broker-kill";
  }

  @Override
  public String description() {
    return "kill -9 of the broker leading the busiest partition, restarted after " + down.toSeconds() + " s";
  }

  @Override
  public void inject(FaultCluster cluster, Timeline timeline, FaultCluster.BusiestPartition busiest) throws Exception {
    BrokerNode victim = cluster.broker(busiest.leader());
    timeline.faultStarts("kill -9 " + victim + ", leader of " + busiest.partition());
    victim.kill();
    Thread.sleep(down.toMillis()); // the fault's length, a parameter of the scenario
    victim.start();
    victim.awaitServing(FaultCluster.START_TIMEOUT);
    timeline.note(victim + " restarted and serving");
    cluster.endFaultWhenInSync(timeline, "serving");
  }
}
