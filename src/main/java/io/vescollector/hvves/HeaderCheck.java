package io.vescollector.hvves;

import io.vescollector.hvves.proto.CommonEventHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ONAP HV-VES's checks of a {@code CommonEventHeader}: the fields it requires must hold a value other
 * than the proto3 default (an empty string, zero, the priority not provided), and the listener version
 * must be 7.x. {@code sequence} is not required, 0 being a legal value; nothing else is looked at
 * (routing decides on the domain).
 */
final class HeaderCheck {
  private static final Pattern LISTENER_VERSION = Pattern.compile("7\\.[0-9].*");

  private HeaderCheck() {}

  /** What is wrong with the header, one phrase per fault; empty when it passes. */
  static List<String> faults(CommonEventHeader h) {
    List<String> faults = new ArrayList<>(2);
    required(faults, "version", !h.getVersion().isEmpty());
    required(faults, "domain", !h.getDomain().isEmpty());
    required(faults, "priority", h.getPriorityValue() != CommonEventHeader.Priority.PRIORITY_NOT_PROVIDED_VALUE);
    required(faults, "eventId", !h.getEventId().isEmpty());
    required(faults, "eventName", !h.getEventName().isEmpty());
    required(faults, "lastEpochMicrosec", h.getLastEpochMicrosec() != 0);
    required(faults, "startEpochMicrosec", h.getStartEpochMicrosec() != 0);
    required(faults, "reportingEntityName", !h.getReportingEntityName().isEmpty());
    required(faults, "sourceName", !h.getSourceName().isEmpty());
    String version = h.getVesEventListenerVersion();
    if (version.isEmpty()) {
      faults.add("vesEventListenerVersion is missing");
    } else if (!LISTENER_VERSION.matcher(version).matches()) {
      faults.add("vesEventListenerVersion '" + version + "' is not 7.x");
    }
    return faults;
  }

  private static void required(List<String> faults, String field, boolean present) {
    if (!present) {
      faults.add(field + " is missing");
    }
  }
}
