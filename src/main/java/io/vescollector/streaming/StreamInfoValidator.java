package io.vescollector.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a streamInfo by hand, by streamType. The 3GPP OpenAPI file (TS28532_StreamingDataMnS.yaml,
 * 18.1.0 and 19.0.0) cannot be used as a schema here: {@code streamId} is a oneOf of two unconstrained
 * strings and {@code additionalInfo} a oneOf of open objects, so every valid streamInfo matches two
 * branches and a strict validator rejects all of them. Instead the streamType selects the one
 * additionalInfo shape that applies: PERFORMANCE -> performanceInfo (measObjDn and a non-empty,
 * duplicate-free performanceMetrics list required), TRACE -> traceInfo (TraceJob attributes, only
 * checked to be an object), ANALYTICS -> analyticsInfo, PROPRIETARY -> vsDataContainer.
 */
public final class StreamInfoValidator {

  /** The outcome for one streamInfo: {@code info} when valid, else {@code reason} (and the streamId if it had one). */
  public record Checked(StreamInfo info, String streamId, String reason) {
    public boolean valid() {
      return info != null;
    }
  }

  public Checked check(JsonNode node) {
    if (node == null || !node.isObject()) {
      return invalid(null, "a streamInfo must be a JSON object");
    }
    JsonNode id = node.get("streamId");
    String streamId = id != null && id.isTextual() ? id.asText() : null;
    if (streamId == null || streamId.isBlank()) {
      return invalid(null, "streamId is required and must be a non-empty string");
    }
    StreamType type = enumValue(node.get("streamType"), StreamType.class);
    if (type == null) {
      return invalid(streamId, "streamType must be one of TRACE, PERFORMANCE, ANALYTICS, PROPRIETARY; found "
          + describe(node.get("streamType")));
    }
    SerializationFormat format = enumValue(node.get("serializationFormat"), SerializationFormat.class);
    if (format == null) {
      return invalid(streamId, "serializationFormat must be GPB or ASN1; found " + describe(node.get("serializationFormat")));
    }
    JsonNode additional = node.get("additionalInfo");
    if (additional != null && !additional.isObject()) {
      return invalid(streamId, "additionalInfo must be an object");
    }
    PerformanceInfo performance = null;
    String problem = switch (type) {
      case PERFORMANCE -> {
        if (additional == null) {
          yield "a PERFORMANCE stream needs additionalInfo (performanceInfo: measObjDn, performanceMetrics)";
        }
        String p = checkPerformance(additional);
        if (p == null) {
          performance = performanceInfo(additional);
        }
        yield p;
      }
      case ANALYTICS -> optionalStrings(additional, "analyticsInfo", "activityDetails");
      case PROPRIETARY -> optionalStrings(additional, "vsDataContainer", "vsDataType", "vsData", "vsDataFormatVersion");
      case TRACE -> null;
    };
    if (problem != null) {
      return invalid(streamId, problem);
    }
    return new Checked(new StreamInfo(type, format, streamId, performance, ((ObjectNode) node).deepCopy()), streamId, null);
  }

  private static String checkPerformance(JsonNode info) {
    JsonNode dn = info.get("measObjDn");
    if (dn == null || !dn.isTextual() || dn.asText().isBlank()) {
      return "additionalInfo.measObjDn is required for a PERFORMANCE stream and must be a non-empty string";
    }
    JsonNode metrics = info.get("performanceMetrics");
    if (metrics == null || !metrics.isArray() || metrics.isEmpty()) {
      return "additionalInfo.performanceMetrics is required for a PERFORMANCE stream and must be a non-empty array of metric names";
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode m = metrics.get(i);
      if (!m.isTextual() || m.asText().isBlank()) {
        return "additionalInfo.performanceMetrics[" + i + "] must be a non-empty string";
      }
      if (!seen.add(m.asText())) {
        return "additionalInfo.performanceMetrics names '" + m.asText() + "' twice; values are named by it";
      }
    }
    JsonNode job = info.get("jobId");
    if (job != null && !job.isTextual()) {
      return "additionalInfo.jobId must be a string";
    }
    return null;
  }

  private static PerformanceInfo performanceInfo(JsonNode info) {
    List<String> names = new ArrayList<>();
    info.get("performanceMetrics").forEach(m -> names.add(m.asText()));
    JsonNode job = info.get("jobId");
    return new PerformanceInfo(info.get("measObjDn").asText(), names, job == null ? null : job.asText());
  }

  private static String optionalStrings(JsonNode info, String typeName, String... members) {
    if (info == null) {
      return null;
    }
    for (String member : members) {
      JsonNode v = info.get(member);
      if (v != null && !v.isTextual()) {
        return "additionalInfo." + member + " (" + typeName + ") must be a string";
      }
    }
    return null;
  }

  private static <E extends Enum<E>> E enumValue(JsonNode node, Class<E> type) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(node.asText())) {
        return e;
      }
    }
    return null;
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : node.toString();
  }

  private static Checked invalid(String streamId, String reason) {
    return new Checked(null, streamId, reason);
  }
}
