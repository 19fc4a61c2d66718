package io.vescollector.tools.bench;

import io.vescollector.tools.send.LoadResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a load run's figures can be believed: every request sent was answered, every answer was
 * 2xx, and the accepted events add up. A collector that answers 503 fast would otherwise show a
 * fantastic rate and a tiny latency; here it makes the run's figures invalid, with the reason.
 */
public final class RunCheck {
  private RunCheck() {}

  /** What is wrong with {@code r} (empty when nothing is), each a sentence naming {@code label}. */
  public static List<String> problems(String label, LoadResult r, int eventsPerRequest) {
    List<String> problems = new ArrayList<>();
    if (r.requestsSent() == 0) {
      problems.add(label + ": no request was sent");
      return problems;
    }
    long unanswered = r.requestsSent() - r.completed();
    if (unanswered != 0) {
      problems.add(label + ": " + r.requestsSent() + " requests sent but " + r.completed()
          + " answered or failed (" + unanswered + " unaccounted for)");
    }
    long non2xx = r.responses4xx() + r.responses5xx() + r.responsesOther();
    if (non2xx > 0) {
      problems.add(label + ": " + non2xx + " of " + r.requestsSent() + " requests answered non-2xx (by status: "
          + r.statusCounts() + "); first: " + r.firstError());
    }
    if (r.connectionErrors() > 0) {
      problems.add(label + ": " + r.connectionErrors() + " of " + r.requestsSent()
          + " requests failed without an answer (connection error or timeout); first: " + r.firstError());
    }
    if (r.notSentRequests() > 0) {
      problems.add(label + ": " + r.notSentRequests() + " requests were due but not sent (in-flight cap reached):"
          + " the target did not keep up with the open-loop rate");
    }
    if (r.eventsAccepted() != r.responses2xx() * eventsPerRequest) {
      problems.add(label + ": " + r.responses2xx() + " requests answered 2xx should carry "
          + r.responses2xx() * eventsPerRequest + " events, counted " + r.eventsAccepted());
    }
    return problems;
  }
}
