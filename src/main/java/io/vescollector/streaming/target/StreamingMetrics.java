package io.vescollector.streaming.target;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streaming target's metrics: stream data units the WebSocket path stored and refused, by cause
 * ({@code streaming_units_stored_total}, {@code streaming_units_refused_total{reason}}), so that a producer
 * sending what cannot be attributed or decoded shows there, not only in its own error frames; the WebSockets
 * open on this collector ({@code streaming_websockets_open}); and the streaming connections its view of the
 * shared connections topic holds ({@code streaming_connections}, every collector's). Tags are fixed words.
 */
public final class StreamingMetrics {
  /** Why a unit was not stored. */
  public enum Refusal {
    /** No single stream of the connection can be told from its bytes. */
    UNATTRIBUTABLE,
    /** It names a stream the connection does not have. */
    UNKNOWN_STREAM,
    /** It does not agree with what its stream announced. */
    INVALID,
    /** Kafka did not store it. */
    NOT_STORED,
    /** Its connection had ended (terminated through another collector) when it arrived. */
    NO_CONNECTION
  }

  private final Counter stored;
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
  private final AtomicInteger openSockets = new AtomicInteger();

  public StreamingMetrics(MeterRegistry registry) {
    stored = Counter.builder("streaming_units_stored")
        .description("Stream data units received on streaming WebSockets and stored in Kafka").register(registry);
    for (Refusal reason : Refusal.values()) {
      refused.put(reason, Counter.builder("streaming_units_refused")
          .description("Stream data units received on streaming WebSockets and refused, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
    }
    Gauge.builder("streaming_websockets_open", openSockets, AtomicInteger::get)
        .description("Streaming WebSockets open on this collector").register(registry);
  }

  /**
   * {@code streaming_connections}: the connections {@code store} knows. Held strongly by the registry
   * (the gauge reads a method reference nothing else holds); the store lives as long as the collector.
   */
  StreamingMetrics bindConnections(MeterRegistry registry, ConnectionStore store) {
    Gauge.builder("streaming_connections", store, ConnectionStore::size).strongReference(true)
        .description("Streaming connections established (through any collector), as this collector's view holds them")
        .register(registry);
    return this;
  }

  void stored() {
    stored.increment();
  }

  void refused(Refusal reason) {
    refused.get(reason).increment();
  }

  void socketOpened() {
    openSockets.incrementAndGet();
  }

  void socketClosed() {
    openSockets.decrementAndGet();
  }

  /** How many units were refused for {@code reason} so far. */
  public double refusedFor(Refusal reason) {
    return refused.get(reason).count();
  }
}
