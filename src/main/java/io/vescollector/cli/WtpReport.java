package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.hvves.FrameCheck;
import io.vescollector.hvves.WtpStreamCheck;
import java.util.Locale;

/** {@code validate --wtp}'s lines: one per frame, where the stream breaks, and a count per outcome. */
final class WtpReport {
  private WtpReport() {}

  static String text(String name, WtpStreamCheck.StreamReport report) {
    StringBuilder s = new StringBuilder();
    int routed = 0;
    int invalid = 0;
    int unrouted = 0;
    for (WtpStreamCheck.FrameReport f : report.frames()) {
      FrameCheck.Verdict v = f.verdict();
      String what = switch (v.outcome()) {
        case ROUTED -> "valid, to " + v.topic();
        case INVALID -> "invalid: " + v.reason();
        case UNROUTED -> "dropped: " + v.reason();
      };
      routed += v.outcome() == FrameCheck.Outcome.ROUTED ? 1 : 0;
      invalid += v.outcome() == FrameCheck.Outcome.INVALID ? 1 : 0;
      unrouted += v.outcome() == FrameCheck.Outcome.UNROUTED ? 1 : 0;
      s.append(String.format(Locale.ROOT, "%s: frame %d at byte %d (%d bytes)%s: %s%n", name, f.number(), f.offset(),
          f.payloadBytes(), v.header() == null || v.header().getEventId().isEmpty() ? ""
              : " eventId " + v.header().getEventId(), what));
    }
    if (report.broken() != null) {
      s.append(String.format(Locale.ROOT, "%s: stream broken at byte %d: %s%n", name, report.brokenAt(), report.broken()));
    }
    s.append(String.format(Locale.ROOT, "%s: %d frames: %d valid, %d invalid, %d without a route%s%n", name,
        report.frames().size(), routed, invalid, unrouted, report.broken() == null ? "" : "; the rest is unreadable"));
    return s.toString();
  }

  static String json(ObjectMapper mapper, String name, WtpStreamCheck.FrameReport f) {
    ObjectNode o = mapper.createObjectNode().put("file", name).put("frame", f.number()).put("offset", f.offset())
        .put("payloadBytes", f.payloadBytes()).put("outcome", f.verdict().outcome().name().toLowerCase(Locale.ROOT));
    if (f.verdict().topic() != null) {
      o.put("topic", f.verdict().topic());
    }
    if (f.verdict().reason() != null) {
      o.put("reason", f.verdict().reason());
    }
    if (f.verdict().header() != null) {
      o.put("eventId", f.verdict().header().getEventId()).put("sourceName", f.verdict().header().getSourceName())
          .put("domain", f.verdict().header().getDomain());
    }
    return o.toString();
  }
}
