package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.publish.RejectedEvents;

/**
 * Why the collector refused a request, read from the {@code ves-*} headers of a record in the
 * rejected-events topic ({@code routing.rejectedTopic}); null for any other record.
 *
 * @param status the HTTP status the client got, or 0 when the header is not a number
 */
public record RejectedInfo(int status, String messageId, String reason, String requestId, String sourceAddress,
                           String principal, String at, boolean truncated) {

  /** The record's refusal, or null when it carries no {@code ves-status} header. */
  public static RejectedInfo of(ConsumedEvent e) {
    String status = e.header(RejectedEvents.HEADER_STATUS);
    if (status == null) {
      return null;
    }
    int code;
    try {
      code = Integer.parseInt(status.trim());
    } catch (NumberFormatException notANumber) {
      code = 0;
    }
    return new RejectedInfo(code, e.header(RejectedEvents.HEADER_MESSAGE_ID), e.header(RejectedEvents.HEADER_REASON),
        e.header(RejectedEvents.HEADER_REQUEST_ID), e.header(RejectedEvents.HEADER_SOURCE_ADDRESS),
        e.header(RejectedEvents.HEADER_PRINCIPAL), e.header(RejectedEvents.HEADER_REJECTED_AT),
        "true".equals(e.header(RejectedEvents.HEADER_BODY_TRUNCATED)));
  }

  /** The members of the json format's {@code rejected} object; absent headers are left out. */
  public void writeTo(ObjectNode node) {
    node.put("status", status);
    putIfPresent(node, "messageId", messageId);
    putIfPresent(node, "reason", reason);
    putIfPresent(node, "requestId", requestId);
    putIfPresent(node, "sourceAddress", sourceAddress);
    putIfPresent(node, "principal", principal);
    putIfPresent(node, "at", at);
    if (truncated) {
      node.put("bodyTruncated", true);
    }
  }

  /** The pretty format's line. */
  public String line() {
    return "rejected: " + status + " " + messageId + (reason == null ? "" : ": " + reason)
        + (truncated ? " (body truncated)" : "");
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
