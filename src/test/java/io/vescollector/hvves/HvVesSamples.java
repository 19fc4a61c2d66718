package io.vescollector.hvves;

import com.google.protobuf.ByteString;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.proto.MeasDataCollection;
import io.vescollector.hvves.proto.MeasInfo;
import io.vescollector.hvves.proto.MeasResult;
import io.vescollector.hvves.proto.MeasValue;
import io.vescollector.hvves.proto.Perf3gppFields;
import io.vescollector.hvves.proto.VesEvent;
import java.nio.ByteBuffer;

/** HV-VES events and WTP frames for tests, valid unless a test spoils them. */
final class HvVesSamples {
  private HvVesSamples() {}

  /** A header that passes ONAP's checks. */
  static CommonEventHeader.Builder header(String domain, String sourceName, int sequence) {
    long now = System.currentTimeMillis() * 1000;
    return CommonEventHeader.newBuilder()
        .setVersion("1.0")
        .setDomain(domain)
        .setSequence(sequence)
        .setPriority(CommonEventHeader.Priority.NORMAL)
        .setEventId(sourceName + "-" + sequence)
        .setEventName(domain + "_RealTimePm")
        .setEventType("RealTimePm")
        .setLastEpochMicrosec(now)
        .setStartEpochMicrosec(now - 15_000_000)
        .setNfNamingCode("gNB")
        .setNfVendorName("Acme")
        .setReportingEntityName("ems-1")
        .setSourceName(sourceName)
        .setTimeZoneOffset("UTC+00:00")
        .setVesEventListenerVersion("7.2");
  }

  /** perf3gpp fields of one cell with {@code values} integer results. */
  static Perf3gppFields perf3gpp(String cell, int values) {
    MeasValue.Builder value = MeasValue.newBuilder().setSMeasObjInstId("ManagedElement=1,GNBDUFunction=1,NRCellDU=" + cell);
    MeasInfo.SMeasTypes.Builder types = MeasInfo.SMeasTypes.newBuilder();
    for (int i = 0; i < values; i++) {
      types.addSMeasType("DRB.UEThpDl." + i);
      value.addMeasResults(MeasResult.newBuilder().setIValue(1000L + i));
    }
    return Perf3gppFields.newBuilder()
        .setPerf3GppFieldsVersion("1.0")
        .setMeasDataCollection(MeasDataCollection.newBuilder()
            .setFormatVersion("28.550 2.0")
            .setGranularityPeriod(15)
            .setMeasuredEntityDn("ManagedElement=1")
            .addMeasInfo(MeasInfo.newBuilder().setSMeasInfoId("DRB").setSMeasTypes(types).addMeasValues(value)))
        .build();
  }

  static VesEvent event(CommonEventHeader.Builder header, int values) {
    return VesEvent.newBuilder().setCommonEventHeader(header)
        .setEventFields(perf3gpp(header.getSourceName(), values).toByteString()).build();
  }

  /** A valid perf3gpp event. */
  static VesEvent perf3gppEvent(String sourceName, int sequence) {
    return event(header("perf3gpp", sourceName, sequence), 4);
  }

  /** A valid perf3gpp event whose eventFields are padded to make the payload {@code size} bytes (at least ~200). */
  static byte[] payloadOfSize(String sourceName, int sequence, int size) {
    VesEvent plain = VesEvent.newBuilder().setCommonEventHeader(header("perf3gpp", sourceName, sequence)).build();
    int fields = size - plain.getSerializedSize();
    // field 2 costs a tag byte and its length's varint on top of the bytes
    for (int n = fields - 2; n >= 0; n--) {
      VesEvent padded = plain.toBuilder().setEventFields(ByteString.copyFrom(new byte[n])).build();
      if (padded.getSerializedSize() == size) {
        return padded.toByteArray();
      }
    }
    throw new IllegalArgumentException("no event of exactly " + size + " bytes");
  }

  /** A WTP 1.0 frame of a VesEvent. */
  static byte[] frame(byte[] payload) {
    return frame(0xAA, 1, 0, 1, payload.length, payload);
  }

  static byte[] frame(VesEvent event) {
    return frame(event.toByteArray());
  }

  /** A frame with any header; {@code declaredLength} is written as an unsigned 32-bit number. */
  static byte[] frame(int marker, int major, int minor, int payloadId, long declaredLength, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
    b.put((byte) marker).put((byte) major).put((byte) minor).put(new byte[3]);
    b.putShort((short) payloadId).putInt((int) declaredLength).put(payload);
    return b.array();
  }
}
