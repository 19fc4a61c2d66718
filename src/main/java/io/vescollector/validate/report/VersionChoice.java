package io.vescollector.validate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.validate.VesVersion;

/**
 * Which VES schema a document is checked against: forced by {@code --ves-version}, or read from the
 * event. {@code vesEventListenerVersion} exists only from VES 7; before it, the header {@code version}
 * tells 5.x (3.x) from 4.x and older (1.x, 2.x).
 */
public record VersionChoice(VesVersion version, String reason) {

  /** {@code auto}, 7, 5, 4 or 3 (3 and 4 share the 4.x schema, as on the listener's v1 to v4). */
  public static VersionChoice forced(String option) {
    return switch (option) {
      case "7" -> new VersionChoice(VesVersion.V7, "--ves-version 7");
      case "5" -> new VersionChoice(VesVersion.V5, "--ves-version 5");
      case "4", "3" -> new VersionChoice(VesVersion.V4, "--ves-version " + option);
      default -> throw new IllegalArgumentException("--ves-version must be auto, 7, 5, 4 or 3, not '" + option + "'");
    };
  }

  public static VersionChoice detect(JsonNode event) {
    JsonNode header = event.path("commonEventHeader");
    JsonNode listener = header.get("vesEventListenerVersion");
    if (listener != null) {
      return new VersionChoice(VesVersion.V7, "vesEventListenerVersion " + listener.asText());
    }
    JsonNode version = header.get("version");
    if (version != null && (version.isNumber() || version.isTextual())) {
      String text = version.asText();
      int major = leadingInteger(text);
      if (major >= 3) {
        return new VersionChoice(VesVersion.V5, "header version " + text);
      }
      if (major >= 0) {
        return new VersionChoice(VesVersion.V4, "header version " + text);
      }
    }
    return new VersionChoice(VesVersion.V7, "no version in the header, so the current one");
  }

  private static int leadingInteger(String text) {
    int end = 0;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end == 0 || end > 6 ? -1 : Integer.parseInt(text.substring(0, end));
  }

  public String describe() {
    return "VES " + version.specVersion() + " schema, from " + reason;
  }
}
