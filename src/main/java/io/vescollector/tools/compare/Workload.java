package io.vescollector.tools.compare;

import io.vescollector.streaming.producer.ProducerPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The management data every path carries, generated once: K producers, C cells each, M metrics per
 * granularity period. Values are deterministic integers, distinct per (producer, cell, period, metric),
 * so every encoding represents them exactly (VES carries them as strings, GPB as doubles).
 */
public record Workload(ProducerPlan plan) {

  public int producers() {
    return plan.producers();
  }

  public int cells() {
    return plan.cells();
  }

  public int metrics() {
    return plan.metrics();
  }

  /** Metric values in one producer's period (all its cells). */
  public int valuesPerPeriod() {
    return plan.cells() * plan.metrics();
  }

  public double value(int producer, int cell, long period, int metric) {
    return (period * 1009 + metric * 31 + cell * 7 + producer * 104_729L) % 1_000_000;
  }

  public CellReport report(int producer, int cell, long period) {
    double[] values = new double[plan.metrics()];
    for (int m = 0; m < values.length; m++) {
      values[m] = value(producer, cell, period, m);
    }
    return new CellReport(producer, cell, period, values);
  }

  /** The reports of every cell of one producer for one period. */
  public List<CellReport> period(int producer, long period) {
    List<CellReport> reports = new ArrayList<>(plan.cells());
    for (int c = 0; c < plan.cells(); c++) {
      reports.add(report(producer, c, period));
    }
    return reports;
  }
}
