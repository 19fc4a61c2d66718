package io.vescollector.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stream's metadata as the producer announced it (TS 28.532 streamInfo-Type). The original JSON is
 * kept so it can be given back unchanged; {@code performance} is its parsed additionalInfo for
 * PERFORMANCE streams, null otherwise.
 */
public record StreamInfo(StreamType streamType, SerializationFormat serializationFormat, String streamId,
                         PerformanceInfo performance, ObjectNode json) {

  /** True when this target decodes the stream's units (our GPB PM units); others pass through as bytes. */
  public boolean decoded() {
    return streamType == StreamType.PERFORMANCE && serializationFormat == SerializationFormat.GPB;
  }
}
