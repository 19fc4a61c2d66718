package io.vescollector.hvves;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.proto.MeasDataCollection;
import io.vescollector.hvves.proto.MeasInfo;
import io.vescollector.hvves.proto.MeasResult;
import io.vescollector.hvves.proto.MeasValue;
import io.vescollector.hvves.proto.Perf3gppFields;
import io.vescollector.hvves.proto.VesEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * perf3gpp events as real-time PM producers send them over HV-VES (one event per network function and
 * granularity period, its cells' values in one {@code MeasDataCollection}), and their values read back
 * with their metric names, for the tools that send, consume and compare them.
 */
public final class Perf3gpp {
  public static final String DOMAIN = "perf3gpp";
  private static final double EXACT_LONG = 9.007199254740992E15; // 2^53

  private Perf3gpp() {}

  /** One measured object's values, in the order of the event's metric names; NaN is a missing value. */
  public record Cell(String ldn, double[] values) {
  }

  /**
   * One measured object's values as read back: by metric name, missing ones left out.
   *
   * @param entity the measured entity's DN ({@code measuredEntityDn}), which {@code cell} is relative to
   */
  public record CellValues(String sourceName, String entity, String cell, long lastEpochMicrosec,
                           Map<String, Double> values) {
    /** The object's full DN: the entity's DN, then the object's own name, unless that is absolute already. */
    public String dn() {
      return entity.isEmpty() || cell.startsWith(entity) ? cell : entity + "," + cell;
    }
  }

  /**
   * A perf3gpp event whose header passes ONAP's checks: its period ends at {@code endEpochMicros}.
   * Integral values travel as {@code iValue} (a zig-zag varint: a few bytes), others as {@code rValue}.
   */
  public static VesEvent event(String sourceName, long sequence, long endEpochMicros, int granularitySeconds,
                               String measuredEntityDn, List<String> metrics, List<Cell> cells) {
    CommonEventHeader header = CommonEventHeader.newBuilder()
        .setVersion("1.0").setDomain(DOMAIN).setSequence((int) sequence)
        .setPriority(CommonEventHeader.Priority.NORMAL)
        .setEventId(sourceName + "-" + sequence).setEventName("perf3gpp_RealTimePm")
        .setLastEpochMicrosec(endEpochMicros).setStartEpochMicrosec(endEpochMicros - granularitySeconds * 1_000_000L)
        .setReportingEntityName(sourceName).setSourceName(sourceName).setVesEventListenerVersion("7.2")
        .build();
    MeasInfo.Builder info = MeasInfo.newBuilder().setSMeasInfoId("PM")
        .setSMeasTypes(MeasInfo.SMeasTypes.newBuilder().addAllSMeasType(metrics));
    for (Cell cell : cells) {
      MeasValue.Builder value = MeasValue.newBuilder().setSMeasObjInstId(cell.ldn());
      for (double v : cell.values()) {
        MeasResult.Builder r = MeasResult.newBuilder();
        if (Double.isNaN(v)) {
          r.setIsNull(true);
        } else if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
          r.setIValue((long) v);
        } else {
          r.setRValue(v);
        }
        value.addMeasResults(r);
      }
      info.addMeasValues(value);
    }
    Perf3gppFields fields = Perf3gppFields.newBuilder().setPerf3GppFieldsVersion("1.0")
        .setMeasDataCollection(MeasDataCollection.newBuilder().setFormatVersion("28.550 2.0")
            .setGranularityPeriod(granularitySeconds).setMeasuredEntityDn(measuredEntityDn).addMeasInfo(info))
        .build();
    return VesEvent.newBuilder().setCommonEventHeader(header).setEventFields(fields.toByteString()).build();
  }

  /**
   * The values of a perf3gpp event, per measured object, named by the event's measurement types
   * (numeric types as {@code #<n>}); an empty list for another domain.
   */
  public static List<CellValues> values(VesEvent event) throws InvalidProtocolBufferException {
    CommonEventHeader header = event.getCommonEventHeader();
    List<CellValues> out = new ArrayList<>();
    if (!DOMAIN.equals(header.getDomain())) {
      return out;
    }
    MeasDataCollection data = Perf3gppFields.parseFrom(event.getEventFields()).getMeasDataCollection();
    for (MeasInfo info : data.getMeasInfoList()) {
      List<String> names = info.hasIMeasTypes()
          ? info.getIMeasTypes().getIMeasTypeList().stream().map(n -> "#" + Integer.toUnsignedString(n)).toList()
          : info.getSMeasTypes().getSMeasTypeList();
      for (MeasValue value : info.getMeasValuesList()) {
        String cell = value.hasMeasObjInstIdListIdx()
            ? listed(data, value.getMeasObjInstIdListIdx()) : value.getSMeasObjInstId();
        Map<String, Double> named = new LinkedHashMap<>();
        List<MeasResult> results = value.getMeasResultsList();
        for (int i = 0; i < results.size(); i++) {
          MeasResult r = results.get(i);
          int position = r.getP() > 0 ? r.getP() - 1 : i;
          String name = position < names.size() ? names.get(position) : "#" + (position + 1);
          switch (r.getXValueCase()) {
            case I_VALUE -> named.put(name, (double) r.getIValue());
            case R_VALUE -> named.put(name, r.getRValue());
            default -> { } // isNull or no value: missing
          }
        }
        out.add(new CellValues(header.getSourceName(), data.getMeasuredEntityDn(), cell, header.getLastEpochMicrosec(),
            named));
      }
    }
    return out;
  }

  private static String listed(MeasDataCollection data, int oneBased) {
    return oneBased >= 1 && oneBased <= data.getMeasObjInstIdListCount()
        ? data.getMeasObjInstIdList(oneBased - 1) : "#" + oneBased;
  }
}
