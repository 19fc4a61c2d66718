package io.vescollector.streaming.target;

import io.vescollector.publish.OutgoingRecord;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamRecordFactory;
import io.vescollector.streaming.StreamTopics;
import io.vescollector.streaming.StreamUnitException;
import io.vescollector.streaming.UnitOrigin;
import io.vescollector.streaming.pm.PmUnitCodec;
import java.util.List;

/**
 * Turns one binary frame into the Kafka record of its stream. TS 28.532 adds no envelope, so the
 * stream is read from the unit: field 1 of a GPB unit is its streamId (the project's rule, see
 * pm_stream_unit.proto); a unit without one (ASN.1) belongs to the connection's only stream whose
 * units are not decoded, and is refused when there is no such single stream.
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
    String id = codec.streamIdOf(unit);
    StreamInfo stream;
    if (id != null) {
      stream = connection.stream(id).orElse(null);
      if (stream == null) {
        return new UnknownStream(id);
      }
    } else {
      List<StreamInfo> opaque = connection.streams().stream().filter(s -> !s.decoded()).toList();
      if (opaque.size() != 1) {
        throw new StreamUnitException(null, "the unit names no streamId (field 1) and the connection has "
            + opaque.size() + " streams it could belong to");
      }
      stream = opaque.get(0);
    }
    UnitOrigin origin = UnitOrigin.connection(connection.producer(), connection.uri());
    String topic = topics.of(stream.streamType());
    if (stream.decoded()) {
      return new Routed(records.performance(topic, origin, stream, codec.decode(unit, stream.streamId(), stream.performance())));
    }
    return new Routed(records.passThrough(topic, origin, stream, unit));
  }
}
