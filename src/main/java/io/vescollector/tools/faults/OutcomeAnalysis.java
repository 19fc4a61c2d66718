package io.vescollector.tools.faults;

import io.vescollector.tools.send.RequestOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Matches {@code send}'s outcome log against what Kafka holds, by eventId, and against the scenario's
 * timeline: the figures of one {@link ScenarioResult}.
 */
final class OutcomeAnalysis {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
  private static final int SAMPLE = 10;

  private OutcomeAnalysis() {}

  static ScenarioResult analyse(Scenario scenario, List<RequestOutcome> outcomes, Map<String, Integer> stored,
                                Timeline timeline) {
    long sent = 0;
    long accepted = 0;
    long unavailable = 0;
    long other = 0;
    long unanswered = 0;
    long notSent = 0;
    long retried = 0;
    long storedDistinct = 0;
    long duplicated = 0;
    List<String> absent = new ArrayList<>();
    long absentCount = 0;
    Map<String, Long> duplicatesByPath = new TreeMap<>();
    Map<String, Long> storedWithout202 = new TreeMap<>();
    Histogram during = new Histogram(MAX_MICROS, 3);
    Histogram before = new Histogram(MAX_MICROS, 3);
    List<Long> acceptedAt = new ArrayList<>();
    long fault = timeline.firstFaultMillis();
    long recovered = timeline.windows().stream().mapToLong(Timeline.Window::endMillis).max().orElse(Long.MAX_VALUE);
    long acceptedAfterRecovery = 0;
    Long firstAccepted = null;
    Long lastFailure = null;
    for (RequestOutcome o : outcomes) {
      if (o.outcome().equals(RequestOutcome.NOT_SENT)) {
        notSent++;
        continue;
      }
      sent++;
      if (o.attempts().size() > 1) {
        retried++;
      }
      switch (o.outcome()) {
        case "202" -> accepted++;
        case "503" -> unavailable++;
        case RequestOutcome.NO_ANSWER -> unanswered++;
        default -> other++;
      }
      long micros = Math.min(MAX_MICROS, Math.max(0, o.latencyMicros()));
      long end = endMillis(o);
      if (timeline.duringAFault(o.scheduledAtMillis())) {
        during.recordValue(micros);
      } else if (fault == 0 || end < fault) {
        before.recordValue(micros); // answered before the fault began: untouched by it
      }
      if (o.accepted()) {
        acceptedAt.add(end);
        if (o.scheduledAtMillis() > recovered) {
          acceptedAfterRecovery++;
        }
        if (fault > 0 && o.scheduledAtMillis() >= fault && (firstAccepted == null || end < firstAccepted)) {
          firstAccepted = end;
        }
      } else if (lastFailure == null || end > lastFailure) {
        lastFailure = end;
      }
      String path = path(o);
      for (String id : o.eventIds()) {
        int copies = stored.getOrDefault(id, 0);
        if (copies > 0) {
          storedDistinct++;
        }
        if (copies > 1) {
          duplicated++;
          duplicatesByPath.merge(path, 1L, Long::sum);
        }
        if (o.accepted() && copies == 0) {
          absentCount++;
          if (absent.size() < SAMPLE) {
            absent.add(id);
          }
        }
        if (!o.accepted() && copies > 0) {
          storedWithout202.merge(path, 1L, Long::sum);
        }
      }
    }
    return new ScenarioResult(scenario.name(), scenario.description(), sent, accepted, unavailable, other, unanswered,
        notSent, retried, storedDistinct, absentCount, absent, duplicated, duplicatesByPath, storedWithout202,
        acceptedAfterRecovery, seconds(firstAccepted, fault), lastFailure == null ? null : seconds(lastFailure, fault),
        longestWithout202(acceptedAt, timeline), p99Millis(during), during.getTotalCount(), p99Millis(before),
        timeline.notes());
  }

  /**
   * The longest stretch, from the first fault's start to the last one's end, in which no 202 answer arrived:
   * how long the collectors accepted nothing at all.
   */
  static double longestWithout202(List<Long> acceptedAt, Timeline timeline) {
    List<Timeline.Window> windows = timeline.windows();
    if (windows.isEmpty()) {
      return 0;
    }
    long from = windows.get(0).startMillis();
    long to = windows.stream().mapToLong(Timeline.Window::endMillis).max().orElse(from);
    List<Long> inside = acceptedAt.stream().filter(t -> t > from && t < to).sorted().toList();
    long longest = 0;
    long previous = from;
    for (long t : inside) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return Math.max(longest, to - previous) / 1000.0;
  }

  /** The statuses of a request's attempts: {@code 202}, {@code 503→202}, {@code no answer→202}. */
  static String path(RequestOutcome o) {
    if (o.attempts().isEmpty()) {
      return o.outcome();
    }
    return o.attempts().stream().map(a -> a.error() != null ? RequestOutcome.NO_ANSWER : Integer.toString(a.status()))
        .collect(Collectors.joining("→"));
  }

  private static long endMillis(RequestOutcome o) {
    RequestOutcome.Attempt last = o.attempts().get(o.attempts().size() - 1);
    return last.sentAtMillis() + last.latencyMicros() / 1000;
  }

  private static Double seconds(Long millis, long fault) {
    return millis == null || fault == 0 ? null : (millis - fault) / 1000.0;
  }

  private static double p99Millis(Histogram h) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0;
  }
}
