package io.vescollector.tools.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.tools.MachineInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A harness run's results and where they were measured, as JSON (the record itself) and as the Markdown that
 * docs/RELIABILITY.md quotes.
 *
 * @param started when the run began (ISO-8601)
 * @param commit the build's commit as the caller gives it, or null
 * @param failures scenarios that could not be run or finished, with why
 */
public record FaultReport(String started, String commit, MachineInfo machine, FaultOptions options,
                          List<ScenarioResult> scenarios, StreamingResult streaming, Map<String, String> failures,
                          double seconds) {
  public FaultReport {
    scenarios = List.copyOf(scenarios);
    failures = Map.copyOf(failures);
  }

  /** No scenario failed to run, every request is accounted for, no 202 went missing, streaming failed over. */
  public boolean clean() {
    return failures.isEmpty() && scenarios.stream().allMatch(s -> s.acceptedAbsent() == 0 && s.balanced())
        && (streaming == null || streaming.failedOver());
  }

  public long acceptedAbsent() {
    return scenarios.stream().mapToLong(ScenarioResult::acceptedAbsent).sum();
  }

  /** The report as one JSON object (durations in seconds). */
  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    o.put("started", started);
    o.put("commit", commit);
    o.put("seconds", seconds);
    o.put("clean", clean());
    o.set("machine", mapper.valueToTree(machine));
    ObjectNode opts = o.putObject("options");
    opts.set("scenarios", mapper.valueToTree(options.scenarios()));
    opts.put("rate", options.rate());
    opts.put("warmUpSeconds", options.warmUp().toSeconds());
    opts.put("beforeSeconds", options.before().toSeconds());
    opts.put("afterSeconds", options.after().toSeconds());
    opts.put("brokerDownSeconds", options.brokerDown().toSeconds());
    opts.put("frozenSeconds", options.frozen().toSeconds());
    opts.put("belowMinIsrSeconds", options.belowMinIsr().toSeconds());
    opts.put("collectorDownSeconds", options.collectorDown().toSeconds());
    opts.put("terminateSecondCollector", options.terminateSecondCollector());
    opts.put("connections", options.connections());
    o.set("scenarios", mapper.valueToTree(scenarios));
    o.set("streaming", mapper.valueToTree(streaming));
    o.set("failures", mapper.valueToTree(failures));
    return o;
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Run of %s (%s), %.0f s, on %s.%n%n", started,
        commit == null ? "commit not given" : "commit " + commit, seconds, machine));
    md.append(String.format(Locale.ROOT, "Load: `send` open loop, %.0f single events/s spread over both collectors, "
        + "one retry on the other collector after no answer or a 503; %d s before the fault, %d s after recovery "
        + "(after a %d s closed-loop warm-up that is not counted).%n%n",
        options.rate(), options.before().toSeconds(), options.after().toSeconds(), options.warmUp().toSeconds()));
    if (!scenarios.isEmpty()) {
      md.append("| Scenario | sent | 202 | 503 | other | unanswered | retried | in Kafka | **202 absent** "
          + "| duplicated (by path) | stored without 202 (by path) | first 202 after fault | longest without a 202 "
          + "| last failure | p99 during (before) |\n");
      md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|--:|--:|\n");
      for (ScenarioResult s : scenarios) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | **%d** | %s | %s | %s | %s | %s | %s (%s) |%n",
            s.name(), s.sent(), s.accepted(), s.unavailable(), s.other(), s.unanswered(), s.retried(), s.stored(),
            s.acceptedAbsent(), byPath(s.duplicated(), s.duplicatesByPath()),
            byPath(s.storedWithout202().values().stream().mapToLong(Long::longValue).sum(), s.storedWithout202()),
            secs(s.firstAcceptedAfterFault()), secs(s.longestWithout202()), secs(s.lastFailureAfterFault()),
            ms(s.p99DuringMs()), ms(s.p99BeforeMs())));
      }
      md.append('\n');
      for (ScenarioResult s : scenarios) {
        md.append("**").append(s.name()).append("**: ").append(s.description()).append(".");
        if (s.notSent() > 0) {
          md.append(" ").append(s.notSent()).append(" requests were due while the in-flight bound was reached and never sent.");
        }
        if (!s.absentSample().isEmpty()) {
          md.append(" Answered 202 but absent, e.g.: ").append(String.join(", ", s.absentSample())).append('.');
        }
        md.append('\n');
        s.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
      }
    }
    if (streaming != null) {
      StreamingResult r = streaming;
      md.append("| 3GPP streaming failover | |\n|---|---|\n");
      md.append("| connection established through A | ").append(r.establishedOnA()).append(" |\n");
      md.append(String.format(Locale.ROOT, "| units written to A before kill -9 / in Kafka | %d / %d |%n", r.unitsThroughA(), r.storedFromA()));
      md.append("| GET the connection through B | ").append(r.foundOnB()).append(", streams ").append(r.streamsOnB()).append(" |\n");
      md.append("| WebSocket upgrade through B | 101 |\n");
      md.append("| add a stream through B | ").append(r.addStreamOnB()).append(", streams now ").append(r.streamsAfterAdd()).append(" |\n");
      md.append(String.format(Locale.ROOT, "| units written to B / in Kafka | %d / %d |%n", r.unitsThroughB(), r.storedFromB()));
      md.append("| units in Kafka twice | ").append(r.duplicates()).append(" |\n");
      md.append("| Close (terminate) through B | ").append(r.closedOnB() ? "completed" : "failed").append(" |\n\n");
      r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    failures.forEach((name, why) -> md.append("**").append(name).append(" could not be run**: ").append(why).append("\n\n"));
    return md.toString();
  }

  private static String byPath(long total, Map<String, Long> byPath) {
    if (total == 0) {
      return "0";
    }
    return total + " (" + byPath.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ")) + ")";
  }

  private static String secs(Double s) {
    return s == null ? "—" : String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, "%.0f ms", ms);
  }
}
