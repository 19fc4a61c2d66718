package io.vescollector.tools.faults;

/**
 * One fault and its healing, injected into a running cluster while {@code send} drives the collectors; it
 * marks the fault's window on the timeline and returns once the cluster has recovered.
 */
interface Scenario {
  /** Short name, as given to {@code --scenarios}. */
  String name();

  /** What it does, in a sentence for the report. */
  String description();

  void inject(FaultCluster cluster, Timeline timeline, FaultCluster.BusiestPartition busiest) throws Exception;
}
