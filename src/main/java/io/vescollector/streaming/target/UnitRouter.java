package io.vescollector.streaming.target;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.streaming.SerializationFormat;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamRecordFactory;
import io.vescollector.streaming.StreamTopics;
import io.vescollector.streaming.StreamUnitException;
import io.vescollector.streaming.UnitOrigin;
import io.vescollector.streaming.pm.PmUnitCodec;
import java.util.List;
import java.util.Optional;

/**
 * Turns one binary frame into the Kafka record of its stream. TS 28.532 adds no envelope, so the
 * stream is read from the unit: field 1 of a GPB unit is its streamId (the project's rule, see
 * pm_stream_unit.proto); a GPB unit without one belongs to the connection's only stream whose units
 * are not decoded; bytes that are not GPB at all only to its only ASN.1 stream. A unit that fits no
 * single stream is refused, never stored under a guess.
 */
public final class UnitRouter {

  /** What to do with a frame. */
  public sealed interface Outcome permits Routed, UnknownStream {}

  public record Routed(OutgoingRecord record) implements Outcome {}

  /** The unit names a stream this connection does not have (yet, as far as this collector knows). */
  public record UnknownStream(String streamId) implements Outcome {}

  private final PmUnitCodec codec;
  private final StreamRecordFactory records;
  private final StreamTopics topics;

  public UnitRouter(PmUnitCodec codec, StreamRecordFactory records, StreamTopics topics) {
    this.codec = codec;
    this.records = records;
    this.topics = topics;
  }

  public Outcome route(ConnectionInfo connection, byte[] unit) throws StreamUnitException {
    Optional<String> id;
    String notGpb = null;
    try {
      id = codec.streamIdOf(unit);
    } catch (InvalidProtocolBufferException e) {
      id = Optional.empty();
      notGpb = e.getMessage();
    }
    StreamInfo stream;
    if (id.isPresent()) {
      stream = connection.stream(id.get()).orElse(null);
      if (stream == null) {
        return new UnknownStream(id.get());
      }
    } else {
      boolean gpb = notGpb == null;
      List<StreamInfo> candidates = connection.streams().stream()
          .filter(s -> !s.decoded() && (gpb || s.serializationFormat() == SerializationFormat.ASN1)).toList();
      if (candidates.size() != 1) {
        throw new StreamUnitException(null, StreamUnitException.Cause.UNATTRIBUTABLE, gpb
            ? "the unit names no streamId (field 1) and the connection has " + candidates.size()
                + " streams it could belong to"
            : "the unit is not a GPB message (" + notGpb + ") and the connection has " + candidates.size()
                + " ASN.1 streams it could belong to");
      }
      stream = candidates.get(0);
    }
    UnitOrigin origin = UnitOrigin.connection(connection.producer(), connection.uri());
    String topic = topics.of(stream.streamType());
    if (stream.decoded()) {
      return new Routed(records.performance(topic, origin, stream, codec.decode(unit, stream.streamId(), stream.performance())));
    }
    return new Routed(records.passThrough(topic, origin, stream, unit));
  }
}
