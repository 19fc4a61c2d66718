package io.vescollector.tools.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.hvves.Perf3gpp;
import io.vescollector.hvves.proto.VesEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values back from a Kafka record of any path: a VES record ({@code {"event": ...}} as the
 * collector publishes it, or a bare event or eventList, as sent) or a decoded stream unit (the JSON of
 * docs/STREAMING.md), or an HV-VES record (a protobuf perf3gpp VesEvent). Throws on anything else, so a malformed record counts as an error, not as values.
 */
public final class DeliveredDecoder {
  private final ObjectMapper mapper;

  public DeliveredDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public List<Delivered> decode(byte[] value) throws IOException {
    if (value.length > 0 && value[0] != '{') {
      return hvVes(value);
    }
    JsonNode root = mapper.readTree(value);
    List<Delivered> out = new ArrayList<>(1);
    if (root.has("event")) {
      ves(root.get("event"), out);
    } else if (root.has("eventList")) {
      root.get("eventList").forEach(e -> ves(e, out));
    } else if (root.has("streamId")) {
      stream(root, out);
    } else {
      throw new IOException("neither a VES event nor a stream unit record");
    }
    return out;
  }

  /** An HV-VES record: the VesEvent as sent, its perf3gpp values named by the event's measurement types. */
  private static List<Delivered> hvVes(byte[] value) throws IOException {
    VesEvent event = VesEvent.parseFrom(value);
    List<Perf3gpp.CellValues> cells = Perf3gpp.values(event);
    if (cells.isEmpty()) {
      throw new IOException("an HV-VES record without perf3gpp values");
    }
    List<Delivered> out = new ArrayList<>(cells.size());
    for (Perf3gpp.CellValues cell : cells) {
      out.add(new Delivered(cell.sourceName(), cell.dn(), cell.lastEpochMicrosec() / 1000, cell.values()));
    }
    return out;
  }

  private static void ves(JsonNode event, List<Delivered> out) {
    JsonNode header = event.path("commonEventHeader");
    String producer = header.path("sourceName").asText();
    long sendMillis = header.path("lastEpochMicrosec").asLong() / 1000;
    for (JsonNode cell : event.path("measurementFields").path("additionalMeasurements")) {
      Map<String, Double> values = new LinkedHashMap<>();
      cell.path("hashMap").properties().forEach(e -> values.put(e.getKey(), Double.valueOf(e.getValue().asText())));
      out.add(new Delivered(producer, cell.path("name").asText(), sendMillis, values));
    }
  }

  private static void stream(JsonNode unit, List<Delivered> out) {
    Map<String, Double> values = new LinkedHashMap<>();
    unit.path("values").properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        values.put(e.getKey(), e.getValue().asDouble());
      }
    });
    long sendMillis = Instant.parse(unit.path("endTime").asText()).toEpochMilli();
    out.add(new Delivered(unit.path("producer").asText(), unit.path("measObjDn").asText(), sendMillis, values));
  }
}
