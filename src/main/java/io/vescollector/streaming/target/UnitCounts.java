package io.vescollector.streaming.target;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stream data units the WebSocket path stored and refused, by cause, in the collector's metrics
 * ({@code streaming_units_stored_total}, {@code streaming_units_refused_total{reason}}): a producer
 * sending what cannot be attributed or decoded shows there, not only in its own error frames.
 */
public final class UnitCounts {
  /** Why a unit was not stored. */
  public enum Refusal {
    /** No single stream of the connection can be told from its bytes. */
    UNATTRIBUTABLE,
    /** It names a stream the connection does not have. */
    UNKNOWN_STREAM,
    /** It does not agree with what its stream announced. */
    INVALID,
    /** Kafka did not store it. */
    NOT_STORED
  }

  private final Counter stored;
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

  public UnitCounts(MeterRegistry registry) {
    stored = Counter.builder("streaming_units_stored")
        .description("Stream data units received on streaming WebSockets and stored in Kafka").register(registry);
    for (Refusal reason : Refusal.values()) {
      refused.put(reason, Counter.builder("streaming_units_refused")
          .description("Stream data units received on streaming WebSockets and refused, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
    }
  }

  void stored() {
    stored.increment();
  }

  void refused(Refusal reason) {
    refused.get(reason).increment();
  }

  /** How many units were refused for {@code reason} so far. */
  public double refusedFor(Refusal reason) {
    return refused.get(reason).count();
  }
}
