package io.vescollector.hvves;

import com.google.protobuf.CodedInputStream;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.proto.VesEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the HV-VES listener makes of one complete frame, in ONAP's order: the WTP version and payload
 * type, the payload as a {@code VesEvent}, ONAP's header checks, then the route. The listener and
 * {@code validate --wtp} both use it, so a file's verdicts are the listener's.
 */
public final class FrameCheck {
  /** The frame's fate; the two drops are ONAP's causes {@code invalid} and {@code routing}. */
  public enum Outcome { ROUTED, INVALID, UNROUTED }

  /**
   * @param header the parsed header (null when the payload was not read or is not a VesEvent)
   * @param topic where the event goes (ROUTED only)
   * @param reason why it is dropped (null when ROUTED)
   */
  public record Verdict(Outcome outcome, CommonEventHeader header, String topic, String reason) {
  }

  private final HvVesRoutes routes;

  public FrameCheck(Map<String, String> routes) {
    this.routes = new HvVesRoutes(routes);
  }

  public Verdict check(WtpFrame frame) {
    if (!frame.supported()) {
      return new Verdict(Outcome.INVALID, null, null, "WTP version " + frame.versionMajor() + "." + frame.versionMinor()
          + ", payload type " + frame.payloadId() + " (only 1.x with payload type 1, a VesEvent, is read)");
    }
    VesEvent event;
    try {
      CodedInputStream in = CodedInputStream.newInstance(frame.payload());
      in.enableAliasing(true); // eventFields is never read: no copy of it
      event = VesEvent.parseFrom(in);
    } catch (IOException e) {
      return new Verdict(Outcome.INVALID, null, null, "the payload is not a VesEvent: " + e.getMessage());
    }
    CommonEventHeader header = event.getCommonEventHeader();
    List<String> faults = HeaderCheck.faults(header);
    if (!faults.isEmpty()) {
      return new Verdict(Outcome.INVALID, header, null, "its commonEventHeader fails the checks: "
          + String.join("; ", faults));
    }
    String topic = routes.topicFor(header);
    if (topic == null) {
      return new Verdict(Outcome.UNROUTED, header, null, "no route for "
          + (HvVesRoutes.STND_DEFINED.equals(header.getDomain())
          ? "stndDefined namespace '" + header.getStndDefinedNamespace() + "'" : "domain '" + header.getDomain() + "'"));
    }
    return new Verdict(Outcome.ROUTED, header, topic, null);
  }
}
