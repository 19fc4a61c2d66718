package io.vescollector.tools.send;

import java.util.List;

/**
 * What became of one request of a load run, for a later check against what Kafka holds: its events, when
 * it was due, every attempt (one per collector tried) and how it ended.
 *
 * @param eventIds the eventIds the request carried
 * @param scheduledAtMillis when it was due (open loop: its slot in the schedule), epoch milliseconds
 * @param attempts in order; empty when it was never sent
 * @param outcome the last attempt's HTTP status as text ({@code "202"}, {@code "503"}, ...), {@value #NO_ANSWER}
 *     or {@value #NOT_SENT}
 * @param latencyMicros from the due time to the last attempt's end; -1 when never sent
 */
public record RequestOutcome(List<String> eventIds, long scheduledAtMillis, List<Attempt> attempts, String outcome,
                             long latencyMicros) {
  public static final String NO_ANSWER = "no answer";
  public static final String NOT_SENT = "not sent";

  public RequestOutcome {
    eventIds = List.copyOf(eventIds);
    attempts = List.copyOf(attempts);
  }

  /**
   * One try of a request at one collector.
   *
   * @param url the collector's URL as given
   * @param status the HTTP status, or 0 when no answer came
   * @param error why no answer came (connection refused, reset, timeout), or null
   * @param sentAtMillis when it was handed to the HTTP client, epoch milliseconds
   * @param latencyMicros from then to the answer or the failure
   */
  public record Attempt(String url, int status, String error, long sentAtMillis, long latencyMicros) {}

  public boolean accepted() {
    return "202".equals(outcome);
  }
}
