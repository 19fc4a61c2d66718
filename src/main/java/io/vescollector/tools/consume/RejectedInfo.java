package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.publish.RejectedEvents;

/**
 * Why the collector did not take what a client sent, read from the {@code ves-*} headers of a record in
 * the rejected-events topic ({@code routing.rejectedTopic}); null for any other record. A request the VES
 * listener refused names the HTTP status and messageId it was answered; an HV-VES frame, which is never
 * answered, names its drop cause and its WTP header instead.
 *
 * @param status the HTTP status the client got; 0 for an HV-VES frame, or when the header is not a number
 * @param frame the dropped HV-VES frame's cause and WTP header, or null for a refused request
 */
public record RejectedInfo(int status, String messageId, DroppedFrame frame, String reason, String requestId,
                           String sourceAddress, String principal, String at, boolean truncated) {

  /** @param cause ONAP's drop cause, as in {@code hvves_messages_dropped_cause_total}: invalid or routing */
  public record DroppedFrame(String cause, String wtpVersion, String wtpPayloadType) {
  }

  /** The record's refusal, or null when it carries neither a {@code ves-status} nor a {@code ves-drop-cause} header. */
  public static RejectedInfo of(ConsumedEvent e) {
    String status = e.header(RejectedEvents.HEADER_STATUS);
    String dropCause = e.header(RejectedEvents.HEADER_DROP_CAUSE);
    if (status == null && dropCause == null) {
      return null;
    }
    DroppedFrame frame = dropCause == null ? null : new DroppedFrame(dropCause,
        e.header(RejectedEvents.HEADER_WTP_VERSION), e.header(RejectedEvents.HEADER_WTP_PAYLOAD_TYPE));
    return new RejectedInfo(number(status), e.header(RejectedEvents.HEADER_MESSAGE_ID), frame,
        e.header(RejectedEvents.HEADER_REASON), e.header(RejectedEvents.HEADER_REQUEST_ID),
        e.header(RejectedEvents.HEADER_SOURCE_ADDRESS), e.header(RejectedEvents.HEADER_PRINCIPAL),
        e.header(RejectedEvents.HEADER_REJECTED_AT), "true".equals(e.header(RejectedEvents.HEADER_BODY_TRUNCATED)));
  }

  private static int number(String status) {
    try {
      return status == null ? 0 : Integer.parseInt(status.trim());
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  /** The members of the json format's {@code rejected} object; absent headers are left out. */
  public void writeTo(ObjectNode node) {
    if (frame == null) {
      node.put("status", status);
      putIfPresent(node, "messageId", messageId);
    } else {
      node.put("dropCause", frame.cause());
      putIfPresent(node, "wtpVersion", frame.wtpVersion());
      putIfPresent(node, "wtpPayloadType", frame.wtpPayloadType());
    }
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
    String what = frame == null ? status + " " + messageId : "HV-VES frame dropped (" + frame.cause() + ")";
    return "rejected: " + what + (reason == null ? "" : ": " + reason) + (truncated ? " (body truncated)" : "");
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
