package io.vescollector.tools.compare;

import io.vescollector.tools.MachineInfo;
import java.util.List;
import java.util.Map;

/** Everything report.md, report.json and the charts show. */
public record CompareReport(String command, MachineInfo hardware, Settings settings, List<PathResult> results) {

  /**
   * The workload and phases the figures come from.
   * @param warmUpSeconds unmeasured warm-up per path label, in the order run
   */
  public record Settings(int producers, int cells, int metrics, double durationSeconds, double offeredValuesPerSecond,
                         List<Phase> phases, Map<String, Double> warmUpSeconds) {
  }

  public List<PathResult> of(Phase phase) {
    return results.stream().filter(r -> r.phase() == phase).toList();
  }
}
