package io.vescollector.tools.consume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * The record value as one compact line per record (the collector writes it compact), for jq and scripts.
 * A record of the rejected-events topic is shown as {@code {"rejected":{status, messageId, reason, ...},
 * "body":"..."}} instead: its value is the refused body, which need not be JSON (or one line) at all. A
 * dropped HV-VES frame's is {@code {"rejected":{dropCause, wtpVersion, wtpPayloadType, reason, ...},
 * "body":"<payload in base64>","bodyEncoding":"base64","event":{...}}}, the event when the payload decodes.
 */
public final class JsonLineSink implements EventSink {
  private final PrintWriter out;
  private final ObjectMapper mapper = new ObjectMapper();

  public JsonLineSink(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void accept(ConsumedEvent event) {
    RejectedInfo rejected = RejectedInfo.of(event);
    out.println(rejected == null ? event.value().replace("\r", "").replace("\n", "") : rejectedLine(event, rejected));
    out.flush();
  }

  private String rejectedLine(ConsumedEvent event, RejectedInfo rejected) {
    ObjectNode line = mapper.createObjectNode();
    rejected.writeTo(line.putObject("rejected"));
    line.put("body", event.value());
    if (rejected.frame() != null) {
      line.put("bodyEncoding", "base64");
      if (event.event() != null) {
        line.set("event", event.event());
      }
    }
    try {
      return mapper.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON line", e);
    }
  }
}
