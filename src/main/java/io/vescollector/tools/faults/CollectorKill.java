package io.vescollector.tools.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * kill -9 of collector A while {@code send} spreads the load over both collectors and sends a request that
 * got no answer or a 503 again to the other one; A restarts after {@code down}. With {@code thenTerminateB},
 * collector B then gets a SIGTERM (a graceful stop) and stays down, so its requests in flight must finish
 * and the rest fail over to A.
 */
record CollectorKill(Duration down, boolean thenTerminateB) implements Scenario {
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration GRACE = Duration.ofSeconds(40);

  @Override
  public String name() {
    return "collector-kill";
  }

  @Override
  public String description() {
    return "kill -9 of collector A, restarted after " + down.toSeconds() + " s"
        + (thenTerminateB ? "; then SIGTERM of collector B, which stays down" : "")
        + "; send retries on the other collector after no answer or a 503";
  }

  @Override
  public void inject(FaultCluster cluster, Timeline timeline, FaultCluster.BusiestPartition busiest) throws Exception {
    CollectorNode a = cluster.collectors().get(0);
    CollectorNode b = cluster.collectors().get(1);
    timeline.faultStarts("kill -9 " + a);
    a.kill();
    Thread.sleep(down.toMillis()); // the fault's length, a parameter of the scenario
    a.start();
    a.awaitReady(FaultCluster.START_TIMEOUT);
    timeline.faultEnds(a + " restarted and ready");
    if (!thenTerminateB) {
      return;
    }
    Thread.sleep(SETTLE.toMillis()); // load on both again before the next fault, a parameter of the scenario
    timeline.faultStarts("SIGTERM " + b);
    Duration stopped = b.terminate(GRACE);
    timeline.faultEnds(stopped == null ? b + " still running after " + GRACE.toSeconds() + " s, killed"
        : String.format(Locale.ROOT, "%s exited with status %d in %.1f s", b, b.exitValue(), stopped.toMillis() / 1000.0));
  }
}
