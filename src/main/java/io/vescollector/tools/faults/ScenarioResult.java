package io.vescollector.tools.faults;

import java.util.List;
import java.util.Map;

/**
 * One scenario's figures: what {@code send} saw (per request, each carrying one event) and what Kafka holds.
 *
 * @param sent requests handed to the HTTP client
 * @param accepted answered 202 (at the first attempt or after retries)
 * @param unavailable answered 503 at the last attempt
 * @param other any other status at the last attempt
 * @param unanswered no answer at the last attempt (connection refused or lost, timeout)
 * @param notSent due while the in-flight bound was reached, never sent
 * @param retried requests sent more than once
 * @param stored distinct sent events found in Kafka
 * @param acceptedAbsent events answered 202 and not in Kafka: must be 0
 * @param absentSample a few of those eventIds
 * @param duplicated events stored more than once
 * @param duplicatesByPath duplicated events by their request's path (statuses of its attempts: {@code 503→202})
 * @param storedWithout202 events in Kafka whose request did not end with 202, by path
 * @param acceptedAfterRecovery requests due after the last fault's window that were answered 202
 * @param firstAcceptedAfterFault seconds from the first fault to the first 202 of a request due after it; null if none
 * @param lastFailureAfterFault seconds from the first fault to the end of the last request not answered 202; null if none
 * @param longestWithout202 seconds: the longest stretch within the faults' windows in which no 202 arrived
 * @param p99DuringMs p99 latency (from the due time) of requests due during a fault's window
 * @param requestsDuring how many requests were due during a fault's window
 * @param p99BeforeMs the same for requests answered before the first fault began: the baseline
 * @param notes what happened, with times since the first fault
 */
public record ScenarioResult(String name, String description, long sent, long accepted, long unavailable, long other,
                             long unanswered, long notSent, long retried, long stored, long acceptedAbsent,
                             List<String> absentSample, long duplicated, Map<String, Long> duplicatesByPath,
                             Map<String, Long> storedWithout202, long acceptedAfterRecovery,
                             Double firstAcceptedAfterFault,
                             Double lastFailureAfterFault, double longestWithout202, double p99DuringMs,
                             long requestsDuring, double p99BeforeMs,
                             List<String> notes) {
  public ScenarioResult {
    absentSample = List.copyOf(absentSample);
    duplicatesByPath = Map.copyOf(duplicatesByPath);
    storedWithout202 = Map.copyOf(storedWithout202);
    notes = List.copyOf(notes);
  }

  /** Every request is accounted for: sent = 202 + 503 + other + unanswered. */
  public boolean balanced() {
    return sent == accepted + unavailable + other + unanswered;
  }
}
