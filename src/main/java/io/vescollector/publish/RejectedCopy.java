package io.vescollector.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record for the rejected-events topic: what a client sent that the collector did not store, as
 * received, and why, in headers. Each listener states the cause in its own terms (the REST listener the
 * HTTP status and VES messageId it answered; HV-VES, which answers nothing, the drop cause and the frame's
 * WTP header); the headers every copy carries are added here, so that one consumer reads both kinds.
 *
 * @param requestId the record key: the request's id, or null when there was none
 */
public record RejectedCopy(String requestId, byte[] body, List<Header> headers, Instant at) {

  public RejectedCopy {
    body = body == null ? new byte[0] : body;
    headers = List.copyOf(headers);
  }

  /**
   * @param cause the listener's own headers, first in the record
   * @param principal the authenticated user or certificate subject, or null
   * @param more headers after the common ones (none, most often)
   */
  public static RejectedCopy of(List<Header> cause, String requestId, String reason, String sourceAddress,
                                String principal, byte[] body, Instant at, List<Header> more) {
    List<Header> headers = new ArrayList<>(cause.size() + 5 + more.size());
    headers.addAll(cause);
    headers.add(header(RejectedEvents.HEADER_REASON, reason));
    headers.add(header(RejectedEvents.HEADER_SOURCE_ADDRESS, sourceAddress));
    if (principal != null) {
      headers.add(header(RejectedEvents.HEADER_PRINCIPAL, principal));
    }
    if (requestId != null) {
      headers.add(header(RejectedEvents.HEADER_REQUEST_ID, requestId));
    }
    headers.add(header(RejectedEvents.HEADER_REJECTED_AT, at.toString()));
    headers.addAll(more);
    return new RejectedCopy(requestId, body, headers, at);
  }

  /** A header whose value is {@code value} in UTF-8 (empty for null). */
  public static Header header(String key, String value) {
    return new RecordHeader(key, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
  }
}
