package io.vescollector.hvves;

import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.HvVesMetrics.Drop;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.publish.RecordFactory;
import io.vescollector.publish.RejectedCopy;
import io.vescollector.publish.RejectedEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The Kafka record of one HV-VES event, as ONAP's collector writes it so that its consumers work
 * unchanged: key = the {@code CommonEventHeader} encoded again from the parsed header, value = the
 * {@code VesEvent} bytes exactly as received (no WTP header). The headers are the REST path's
 * {@code ves-*} ones, so one consumer can filter both paths' records alike, plus where the event came from
 * and the value's content type. A dropped frame's copy for the rejected-events topic is its payload as
 * received, with the cause and the WTP header's fields in headers, since no HTTP status exists to name it.
 */
final class HvVesRecords {
  static final String HEADER_RECEIVED_FROM = "ves-received-from";
  static final String HEADER_COLLECTOR_ID = "ves-collector-id";
  static final String HEADER_CONTENT_TYPE = "content-type";
  static final String CONTENT_TYPE = "application/x-protobuf; messageType=VesEvent";
  private static final byte[] CONTENT_TYPE_BYTES = utf8(CONTENT_TYPE);

  private final byte[] collectorId;

  HvVesRecords(String collectorId) {
    this.collectorId = utf8(collectorId);
  }

  /**
   * @param requestId names this frame: its connection and its number there
   * @param receivedFrom the client's address
   */
  OutgoingRecord create(String topic, CommonEventHeader header, byte[] payload, String requestId,
                        byte[] receivedFrom) {
    List<Header> headers = new ArrayList<>(8);
    headers.add(new RecordHeader(RecordFactory.HEADER_DOMAIN, utf8(header.getDomain())));
    headers.add(new RecordHeader(RecordFactory.HEADER_EVENT_NAME, utf8(header.getEventName())));
    headers.add(new RecordHeader(RecordFactory.HEADER_LISTENER_VERSION, utf8(header.getVesEventListenerVersion())));
    headers.add(new RecordHeader(RecordFactory.HEADER_REQUEST_ID, utf8(requestId)));
    if (!header.getStndDefinedNamespace().isEmpty()) {
      headers.add(new RecordHeader(RecordFactory.HEADER_NAMESPACE, utf8(header.getStndDefinedNamespace())));
    }
    headers.add(new RecordHeader(HEADER_RECEIVED_FROM, receivedFrom));
    headers.add(new RecordHeader(HEADER_COLLECTOR_ID, collectorId));
    headers.add(new RecordHeader(HEADER_CONTENT_TYPE, CONTENT_TYPE_BYTES));
    return new OutgoingRecord(topic, header.toByteArray(), payload, headers);
  }

  /**
   * The rejected-events copy of a frame dropped for {@code cause}: keyed like the REST copies by the
   * request id; the payload, whatever it holds, byte for byte.
   *
   * @param principal the client certificate's subject, or null
   */
  static RejectedCopy dropped(Drop cause, String reason, WtpFrame frame, String requestId, String sourceAddress,
                              String principal) {
    return RejectedCopy.of(List.of(RejectedCopy.header(RejectedEvents.HEADER_DROP_CAUSE, HvVesMetrics.tag(cause)),
            RejectedCopy.header(RejectedEvents.HEADER_WTP_VERSION, frame.versionMajor() + "." + frame.versionMinor()),
            RejectedCopy.header(RejectedEvents.HEADER_WTP_PAYLOAD_TYPE, Integer.toString(frame.payloadId()))),
        requestId, reason, sourceAddress, principal, frame.payload(), Instant.now(), List.of());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
