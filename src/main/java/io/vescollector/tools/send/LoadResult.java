package io.vescollector.tools.send;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;

/**
 * What a load run did, as counted by the sender. Latency is measured from the request's intended send
 * time (open loop: its slot in the schedule; closed loop: when it was sent) to the end of its response.
 *
 * @param requestsSent requests handed to the HTTP client
 * @param notSentRequests open loop: requests that were due while {@code maxOutstanding} were in flight
 * @param eventsAccepted events in requests answered 2xx
 * @param statusCounts responses by HTTP status
 * @param outcomes per-event outcomes, or null when not recorded
 * @param retries attempts beyond each request's first (with {@code --retries}); the counts above are of
 *     each request's last attempt
 * @param intervals latency per interval of {@link SendOptions#interval()}, in order, the last one cut at the
 *     end of the run; empty without an interval
 */
public record LoadResult(boolean openLoop, Duration elapsed, long requestsSent, long eventsSent,
                         long responses2xx, long responses4xx, long responses5xx, long responsesOther,
                         long connectionErrors, long notSentRequests, long notSentEvents, long eventsAccepted,
                         SortedMap<Integer, Long> statusCounts, LatencySummary latency, String firstError,
                         Outcomes outcomes, long retries, List<IntervalLatency> intervals) {

  public long completed() {
    return responses2xx + responses4xx + responses5xx + responsesOther + connectionErrors;
  }

  public double requestsPerSecond() {
    return perSecond(completed());
  }

  /** Throughput that counts: events the collector accepted, per second. */
  public double eventsPerSecond() {
    return perSecond(eventsAccepted);
  }

  /** True when every request was sent and answered 2xx. */
  public boolean allAccepted() {
    return responses2xx == requestsSent && notSentRequests == 0;
  }

  private double perSecond(long n) {
    double s = elapsed.toNanos() / 1e9;
    return s > 0 ? n / s : 0;
  }
}
