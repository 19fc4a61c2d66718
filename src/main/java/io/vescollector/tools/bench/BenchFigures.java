package io.vescollector.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The headline figures of a benchmark run, as printed on the last line of {@code bench --quick}. A
 * figure whose run could not be believed (errors, non-2xx answers) is null, never a number.
 *
 * @param singleEps single-event POSTs: events accepted per second, closed loop
 * @param singleP99Ms single-event latency p99 in ms, open loop, from the intended send time
 * @param batchEps 100-event batches: events accepted per second, closed loop
 * @param batchP99Ms batch latency p99 in ms, open loop
 * @param noopRps the no-op server's requests per second, closed loop: this machine's HTTP ceiling
 * @param ratioSingleToNoop {@code singleEps / noopRps}
 * @param rssMb the collector's peak resident set size sampled under load, in MiB
 */
public record BenchFigures(Double singleEps, Double singleP99Ms, Double batchEps, Double batchP99Ms, Double noopRps,
                           Double ratioSingleToNoop, Double rssMb) {

  /** Takes each figure from its scenario when that scenario's run is valid. */
  public static BenchFigures of(Scenario noop, Scenario single, Scenario batch, Double rssMb) {
    Double noopRps = noop.throughputValid() ? noop.closed().result().eventsPerSecond() : null;
    Double singleEps = single.throughputValid() ? single.closed().result().eventsPerSecond() : null;
    return new BenchFigures(singleEps, p99Ms(single), batch.throughputValid() ? batch.closed().result().eventsPerSecond() : null,
        p99Ms(batch), noopRps, ratio(singleEps, noopRps), rssMb);
  }

  /** These figures with the collector's throughput and latency unknown: for when its 2xx answers were not all true. */
  public BenchFigures withoutCollectorFigures() {
    return new BenchFigures(null, null, null, null, noopRps, null, rssMb);
  }

  /** {@code part / whole}, or null when either is unknown or the whole is not positive. */
  public static Double ratio(Double part, Double whole) {
    return part == null || whole == null || whole <= 0 ? null : part / whole;
  }

  /** True when every figure is known. */
  public boolean complete() {
    return singleEps != null && singleP99Ms != null && batchEps != null && batchP99Ms != null && noopRps != null
        && ratioSingleToNoop != null && rssMb != null;
  }

  /** The one-line JSON object, keys in the documented order; rates whole, ms to 0.01, the ratio to 0.001. */
  public String jsonLine(ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    put(o, "single_eps", singleEps, 0);
    put(o, "single_p99_ms", singleP99Ms, 2);
    put(o, "batch_eps", batchEps, 0);
    put(o, "batch_p99_ms", batchP99Ms, 2);
    put(o, "noop_rps", noopRps, 0);
    put(o, "ratio_single_to_noop", ratioSingleToNoop, 3);
    put(o, "rss_mb", rssMb, 1);
    return o.toString();
  }

  private static Double p99Ms(Scenario s) {
    return s.latencyValid() ? s.open().result().latency().p99() / 1000.0 : null;
  }

  static void put(ObjectNode o, String key, Double value, int decimals) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      o.putNull(key);
    } else if (decimals == 0) {
      o.put(key, Math.round(value));
    } else {
      double scale = Math.pow(10, decimals);
      o.put(key, Math.round(value * scale) / scale);
    }
  }
}
