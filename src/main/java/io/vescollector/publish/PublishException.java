package io.vescollector.publish;

/** Why a publish did not end with every record acknowledged. */
public final class PublishException extends RuntimeException {

  /** What the answer stage should make of the failure. */
  public enum Reason {
    /** In-flight work is at its bound; nothing was sent. */
    OVERLOADED,
    /** Kafka did not acknowledge in time, or is unreachable; it may still store the records. */
    UNAVAILABLE,
    /** A record exceeds what the producer or the broker accepts. */
    TOO_LARGE,
    /** Kafka refused for a reason that retrying will not fix (authorisation, invalid topic). */
    REFUSED
  }

  private final Reason reason;

  public PublishException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static PublishException shuttingDown() {
    return new PublishException(Reason.UNAVAILABLE, "the collector is shutting down", null);
  }

  static PublishException shutDownBeforeSent() {
    return new PublishException(Reason.UNAVAILABLE, "the collector shut down before these events were sent", null);
  }

  static PublishException overloaded(InFlight inFlight) {
    return new PublishException(Reason.OVERLOADED, "work in flight towards Kafka is at its bound ("
        + inFlight.maxEvents() + " events, " + inFlight.maxBytes() + " bytes)", null);
  }

  static PublishException topicUnavailable(String topic, String reason) {
    return new PublishException(Reason.UNAVAILABLE, "topic " + topic + " is unavailable: " + reason, null);
  }
}
