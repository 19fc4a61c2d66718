package io.vescollector.streaming.pm;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vescollector.streaming.PerformanceInfo;
import io.vescollector.streaming.StreamUnitException;
import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import io.vescollector.streaming.pm.gpb.StreamUnitHeader;
import java.util.Optional;

/**
 * Reads the project's GPB stream data units (src/main/proto/pm_stream_unit.proto) and checks a PM unit
 * against the metric list its stream agreed, so a unit that would be misnamed is refused, not stored.
 */
public final class PmUnitCodec {

  /**
   * The streamId in field 1 of a GPB unit; empty when a GPB unit has none.
   *
   * @throws InvalidProtocolBufferException when the bytes are not a GPB message at all
   */
  public Optional<String> streamIdOf(byte[] unit) throws InvalidProtocolBufferException {
    String id = StreamUnitHeader.parseFrom(unit).getStreamId();
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  public PmStreamUnit decode(byte[] unit, String streamId, PerformanceInfo info) throws StreamUnitException {
    PmStreamUnit pm;
    try {
      pm = PmStreamUnit.parseFrom(unit);
    } catch (InvalidProtocolBufferException e) {
      throw new StreamUnitException(streamId, StreamUnitException.Cause.INVALID, "not a PM stream unit (GPB): " + e.getMessage());
    }
    int expected = info.performanceMetrics().size();
    if (pm.getValuesCount() != expected) {
      throw new StreamUnitException(streamId, StreamUnitException.Cause.INVALID, "the unit carries " + pm.getValuesCount() + " values but stream "
          + streamId + " agreed " + expected + " performanceMetrics");
    }
    for (int position : pm.getAbsentList()) {
      checkPosition(streamId, "absent", position, expected);
    }
    for (int position : pm.getSuspectList()) {
      checkPosition(streamId, "suspect", position, expected);
    }
    if (!pm.getMeasObjDn().isEmpty() && !pm.getMeasObjDn().equals(info.measObjDn())) {
      throw new StreamUnitException(streamId, StreamUnitException.Cause.INVALID, "the unit's measObjDn '" + pm.getMeasObjDn() + "' is not the stream's '"
          + info.measObjDn() + "'");
    }
    return pm;
  }

  private static void checkPosition(String streamId, String list, int position, int size) throws StreamUnitException {
    if (position < 0 || position >= size) {
      throw new StreamUnitException(streamId, StreamUnitException.Cause.INVALID, list + " position " + Integer.toUnsignedString(position)
          + " is outside the " + size + " performanceMetrics");
    }
  }
}
