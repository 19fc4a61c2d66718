package io.vescollector.tools.compare;

import io.vescollector.hvves.Perf3gpp;
import io.vescollector.hvves.WtpFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * HV-VES perf3gpp events for the comparison: one event per producer and period, as real-time PM
 * producers send them (ONAP's Perf3gppFields carries a whole MeasDataCollection), each cell a MeasValue
 * under its name relative to the producer's DN, the metric names once per event. The period's send time
 * is lastEpochMicrosec, so the consumer can measure latency.
 */
public final class HvVesEncoding {
  private final Workload workload;
  private final List<String> names;

  public HvVesEncoding(Workload workload) {
    this.workload = workload;
    this.names = workload.plan().metricNames();
  }

  /** The WTP frame of producer k's period. */
  public byte[] frame(int producer, long period, List<CellReport> reports, long sendMillis) {
    List<Perf3gpp.Cell> cells = new ArrayList<>(reports.size());
    for (CellReport r : reports) {
      cells.add(new Perf3gpp.Cell("NRCellDU=" + r.cell(), r.values()));
    }
    String dn = workload.plan().producerDn(producer);
    return WtpFrame.encode(Perf3gpp.event(dn, period, sendMillis * 1000, workload.plan().granularitySeconds(), dn,
        names, cells).toByteArray());
  }
}
