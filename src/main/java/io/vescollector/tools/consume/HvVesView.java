package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vescollector.hvves.Perf3gpp;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.proto.VesEvent;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;

/**
 * An HV-VES record (value: a protobuf {@code VesEvent}, as ONAP's collector and this one write it) shown
 * as JSON, so that the tool's formats and filters treat it as they treat a VES event:
 * {@code {"commonEventHeader": {...}, "perf3gppFields": {"cells": [{"cell", "values": {name: value}}]}}};
 * other domains' {@code eventFields} are shown as their size, since only perf3gpp's layout is known.
 */
final class HvVesView {
  private HvVesView() {}

  /** The JSON view, or null when {@code value} is not a {@code VesEvent} with a domain. */
  static ObjectNode of(byte[] value, ObjectMapper mapper) {
    VesEvent event;
    try {
      event = VesEvent.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
    if (event.getCommonEventHeader().getDomain().isEmpty()) {
      return null;
    }
    ObjectNode out = mapper.createObjectNode();
    header(event.getCommonEventHeader(), out.putObject("commonEventHeader"));
    if (Perf3gpp.DOMAIN.equals(event.getCommonEventHeader().getDomain())) {
      try {
        ObjectNode fields = out.putObject("perf3gppFields");
        var cells = fields.putArray("cells");
        for (Perf3gpp.CellValues cell : Perf3gpp.values(event)) {
          ObjectNode c = cells.addObject();
          c.put("cell", cell.cell());
          ObjectNode values = c.putObject("values");
          cell.values().forEach(values::put);
        }
        return out;
      } catch (InvalidProtocolBufferException e) {
        out.remove("perf3gppFields");
        out.put("eventFieldsError", "not Perf3gppFields: " + e.getMessage());
      }
    }
    out.put("eventFieldsBytes", event.getEventFields().size());
    return out;
  }

  /** Every field set in the header, under its JSON name; unsigned numbers as such, enums by name, bytes in base64. */
  private static void header(CommonEventHeader header, ObjectNode out) {
    for (Map.Entry<FieldDescriptor, Object> e : header.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      String name = field.getJsonName();
      Object v = e.getValue();
      switch (field.getType()) {
        case UINT32, FIXED32 -> out.put(name, Integer.toUnsignedLong((Integer) v));
        case UINT64, FIXED64 -> out.put(name, new BigInteger(Long.toUnsignedString((Long) v)));
        case ENUM -> out.put(name, ((EnumValueDescriptor) v).getName());
        case BYTES -> out.put(name, Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
        default -> out.put(name, String.valueOf(v));
      }
    }
  }

  /** The header's sourceName, to show as the key: the key itself is the header's protobuf bytes. */
  static String key(ObjectNode view) {
    return view.path("commonEventHeader").path("sourceName").asText(null);
  }
}
