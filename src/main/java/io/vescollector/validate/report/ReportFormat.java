package io.vescollector.validate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.validate.Violation;

/**
 * How verdicts are printed: {@code json}, one object per event per line for machines, or
 * {@code text} for people, with line and column, optional colour and a closing summary.
 */
public interface ReportFormat {
  /** The lines for one verdict, each ending in a newline. */
  String format(EventVerdict verdict);

  /** The closing lines; empty for machine output. */
  String summary(Tally tally);

  /** Counts for the summary. */
  record Tally(long documents, long events, long invalid, long unreadable) {}

  static ReportFormat json() {
    ObjectMapper mapper = new ObjectMapper();
    return new ReportFormat() {
      @Override
      public String format(EventVerdict verdict) {
        ObjectNode line = mapper.createObjectNode();
        line.put("source", verdict.source());
        line.put("valid", verdict.valid());
        ArrayNode errors = line.putArray("errors");
        for (Violation v : verdict.violations()) {
          errors.addObject().put("pointer", v.pointer()).put("message", v.message());
        }
        try {
          return mapper.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public String summary(Tally tally) {
        return "";
      }
    };
  }

  static ReportFormat text(boolean colour, boolean showValid) {
    String red = colour ? "\u001b[31m" : "";
    String green = colour ? "\u001b[32m" : "";
    String dim = colour ? "\u001b[2m" : "";
    String bold = colour ? "\u001b[1m" : "";
    String reset = colour ? "\u001b[0m" : "";
    return new ReportFormat() {
      @Override
      public String format(EventVerdict verdict) {
        String schema = verdict.version() == null ? "" : " " + dim + "(" + verdict.version().describe() + ")" + reset;
        if (verdict.valid()) {
          return showValid ? green + "valid   " + reset + verdict.source() + schema + "\n" : "";
        }
        StringBuilder out = new StringBuilder();
        out.append(red).append(bold).append("INVALID ").append(reset).append(verdict.source()).append(schema).append('\n');
        for (int i = 0; i < verdict.violations().size(); i++) {
          Violation v = verdict.violations().get(i);
          EventVerdict.Location at = verdict.locations().get(i);
          String where = at.line() > 0 ? "line " + at.line() + ", column " + at.column() : "line ?";
          out.append("  ").append(verdict.source().replaceFirst("#\\d+$", "")).append(':')
              .append(at.line() > 0 ? at.line() + ":" + at.column() : "?").append("  ")
              .append(bold).append(v.pointer().isEmpty() ? "/" : v.pointer()).append(reset).append('\n')
              .append("      ").append(v.message()).append(dim).append("  [").append(where).append("]")
              .append(reset).append('\n');
        }
        return out.toString();
      }

      @Override
      public String summary(Tally tally) {
        long valid = tally.events() - tally.invalid();
        String verdict = tally.invalid() == 0 ? green + "all valid" + reset : red + tally.invalid() + " invalid" + reset;
        return "\n" + tally.documents() + " document(s), " + tally.events() + " event(s): " + valid + " valid, "
            + verdict + (tally.unreadable() > 0 ? " (" + tally.unreadable() + " not readable as VES JSON)" : "") + "\n";
      }
    };
  }
}
