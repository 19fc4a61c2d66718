package io.vescollector.tools.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One target driven one way: a warm-up, a closed-loop run for throughput, and (except for the no-op
 * ceiling) an open-loop run at a fraction of that throughput for latency.
 *
 * @param open null when the scenario has no open-loop run
 */
public record Scenario(String name, String description, int batchSize, int concurrency, MeasuredRun warmup,
                       MeasuredRun closed, MeasuredRun open) {

  /** Throughput figures can be believed. */
  public boolean throughputValid() {
    return closed.valid();
  }

  /** Latency figures can be believed. */
  public boolean latencyValid() {
    return open != null && open.valid();
  }

  /** Problems of the measured runs (they invalidate figures). */
  public List<String> problems() {
    List<String> all = new ArrayList<>(closed.problems());
    if (open != null) {
      all.addAll(open.problems());
    }
    return all;
  }
}
