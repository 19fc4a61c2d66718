package io.vescollector.streaming;

/** A stream data unit that cannot be stored; the message is meant for the producer that sent it. */
public final class StreamUnitException extends Exception {
  /** Why, for counting. */
  public enum Cause {
    /** No stream can be told from the unit: its bytes are not what the connection's streams carry. */
    UNATTRIBUTABLE,
    /** The unit belongs to a stream but does not agree with what the stream announced. */
    INVALID
  }

  private final String streamId;
  private final Cause cause;

  public StreamUnitException(String streamId, Cause cause, String message) {
    super(message, null, false, false);
    this.streamId = streamId;
    this.cause = cause;
  }

  public Cause reason() {
    return cause;
  }

  /** The stream the unit claimed, or null when it could not be told. */
  public String streamId() {
    return streamId;
  }
}
