package io.vescollector.tools.compare;

import io.vescollector.streaming.pm.gpb.PmStreamUnit;

/**
 * The project's GPB PM unit for one cell and period (one unit per cell per period, as each cell is its
 * own PERFORMANCE stream). The send time is the unit's end time (milliseconds): the period ends when
 * the producer sends it.
 */
public final class GpbEncoding {
  private final Workload workload;

  public GpbEncoding(Workload workload) {
    this.workload = workload;
  }

  public PmStreamUnit unit(CellReport r, long sendMillis) {
    int granularity = workload.plan().granularitySeconds();
    PmStreamUnit.Builder b = PmStreamUnit.newBuilder().setStreamId(workload.plan().streamId(r.producer(), r.cell()))
        .setGranularityPeriod(granularity).setStartTime(sendMillis - granularity * 1000L).setEndTime(sendMillis);
    for (double v : r.values()) {
      b.addValues(v);
    }
    return b.build();
  }
}
