package io.vescollector.streaming;

/** A stream data unit that cannot be stored; the message is meant for the producer that sent it. */
public final class StreamUnitException extends Exception {
  private final String streamId;

  public StreamUnitException(String streamId, String message) {
    super(message, null, false, false);
    this.streamId = streamId;
  }

  /** The stream the unit claimed, or null when it could not be told. */
  public String streamId() {
    return streamId;
  }
}
