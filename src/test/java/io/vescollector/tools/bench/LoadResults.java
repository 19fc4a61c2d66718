package io.vescollector.tools.bench;

import io.vescollector.tools.send.LatencySummary;
import io.vescollector.tools.send.LoadResult;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;

/** Hand-made load results for the bench's unit tests. */
final class LoadResults {
  private LoadResults() {}

  /** A closed-loop run of {@code seconds} where every request got 202. */
  static LoadResult clean(long requests, int eventsPerRequest, double seconds, long p99Micros) {
    return new LoadResult(false, Duration.ofMillis((long) (seconds * 1000)), requests, requests * eventsPerRequest,
        requests, 0, 0, 0, 0, 0, 0, requests * eventsPerRequest, statuses(202, requests),
        new LatencySummary(requests, p99Micros / 4, p99Micros / 2, p99Micros, p99Micros * 2, p99Micros / 3.0), null, null);
  }

  /** The same, open loop. */
  static LoadResult cleanOpen(long requests, int eventsPerRequest, double seconds, long p99Micros) {
    LoadResult c = clean(requests, eventsPerRequest, seconds, p99Micros);
    return new LoadResult(true, c.elapsed(), c.requestsSent(), c.eventsSent(), c.responses2xx(), 0, 0, 0, 0, 0, 0,
        c.eventsAccepted(), c.statusCounts(), c.latency(), null, null);
  }

  /** A run where {@code failed} of the requests were answered 503. */
  static LoadResult with503(long requests, long failed, int eventsPerRequest, double seconds) {
    long ok = requests - failed;
    TreeMap<Integer, Long> byStatus = new TreeMap<>(statuses(202, ok));
    byStatus.put(503, failed);
    return new LoadResult(false, Duration.ofMillis((long) (seconds * 1000)), requests, requests * eventsPerRequest, ok,
        0, failed, 0, 0, 0, 0, ok * eventsPerRequest, byStatus, new LatencySummary(requests, 100, 200, 300, 400, 150),
        "HTTP 503: {\"requestError\":...}", null);
  }

  static MeasuredRun run(String phase, LoadResult r, int eventsPerRequest) {
    return new MeasuredRun(phase, r, 1.0, 0.5, 0.25, 2.0, RunCheck.problems(phase, r, eventsPerRequest));
  }

  static Scenario scenario(String name, int eventsPerRequest, LoadResult closed, LoadResult open) {
    return new Scenario(name, name, eventsPerRequest, 16, run(name + " warm-up", closed, eventsPerRequest),
        run(name + " closed loop", closed, eventsPerRequest),
        open == null ? null : run(name + " open loop", open, eventsPerRequest));
  }

  private static SortedMap<Integer, Long> statuses(int status, long n) {
    TreeMap<Integer, Long> m = new TreeMap<>();
    if (n > 0) {
      m.put(status, n);
    }
    return m;
  }
}
