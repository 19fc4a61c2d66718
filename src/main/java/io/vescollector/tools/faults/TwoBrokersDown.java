package io.vescollector.tools.faults;

import java.time.Duration;

/**
 * kill -9 of two of the three brokers at once (the busiest partition's leader and the node leading most of
 * the rest), so every partition is below {@code min.insync.replicas} and the controller quorum has lost its
 * majority; both restarted after {@code down}.
 */
record TwoBrokersDown(Duration down) implements Scenario {
  @Override
  public String name() {
    return "two-brokers-down";
  }

  @Override
  public String description() {
    return "kill -9 of two of the three brokers (below min.insync.replicas, no controller majority), both restarted after "
        + down.toSeconds() + " s";
  }

  @Override
  public void inject(FaultCluster cluster, Timeline timeline, FaultCluster.BusiestPartition busiest) throws Exception {
    BrokerNode first = cluster.broker(busiest.leader());
    BrokerNode second = cluster.broker(cluster.nodeLeadingMost(first.nodeId()));
    timeline.faultStarts("kill -9 " + first + " (leader of " + busiest.partition() + ") and " + second);
    first.kill();
    second.kill();
    Thread.sleep(down.toMillis()); // the fault's length, a parameter of the scenario
    first.start();
    second.start();
    first.awaitServing(FaultCluster.START_TIMEOUT);
    second.awaitServing(FaultCluster.START_TIMEOUT);
    timeline.note("both restarted and serving");
    cluster.endFaultWhenInSync(timeline, "serving");
  }
}
