package io.vescollector.tools.bench;

import io.vescollector.tools.send.LatencySummary;
import io.vescollector.tools.send.LoadResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Adds up closed-loop runs made side by side (one per load-generator event loop) into one result:
 * counts are summed, the elapsed time is the longest. Percentiles cannot be merged from summaries, so
 * the merged p50/p90/p99 are the worst of the parts (an upper bound); max is exact, mean weighted.
 */
public final class MergedResults {
  private MergedResults() {}

  public static LoadResult merge(List<LoadResult> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    TreeMap<Integer, Long> statusCounts = new TreeMap<>();
    parts.forEach(p -> p.statusCounts().forEach((status, n) -> statusCounts.merge(status, n, Long::sum)));
    long latencyCount = parts.stream().mapToLong(p -> p.latency().count()).sum();
    double mean = latencyCount == 0 ? 0
        : parts.stream().mapToDouble(p -> p.latency().mean() * p.latency().count()).sum() / latencyCount;
    LatencySummary latency = new LatencySummary(latencyCount, worst(parts, 50), worst(parts, 90), worst(parts, 99),
        parts.stream().mapToLong(p -> p.latency().max()).max().orElse(0), mean);
    return new LoadResult(parts.get(0).openLoop(),
        parts.stream().map(LoadResult::elapsed).max(Duration::compareTo).orElse(Duration.ZERO),
        sum(parts, LoadResult::requestsSent), sum(parts, LoadResult::eventsSent), sum(parts, LoadResult::responses2xx),
        sum(parts, LoadResult::responses4xx), sum(parts, LoadResult::responses5xx), sum(parts, LoadResult::responsesOther),
        sum(parts, LoadResult::connectionErrors), sum(parts, LoadResult::notSentRequests),
        sum(parts, LoadResult::notSentEvents), sum(parts, LoadResult::eventsAccepted), statusCounts, latency,
        parts.stream().map(LoadResult::firstError).filter(Objects::nonNull).findFirst().orElse(null), null,
        sum(parts, LoadResult::retries));
  }

  private static long worst(List<LoadResult> parts, int percentile) {
    return parts.stream().mapToLong(p -> switch (percentile) {
      case 50 -> p.latency().p50();
      case 90 -> p.latency().p90();
      default -> p.latency().p99();
    }).max().orElse(0);
  }

  private static long sum(List<LoadResult> parts, java.util.function.ToLongFunction<LoadResult> f) {
    return parts.stream().mapToLong(f).sum();
  }
}
