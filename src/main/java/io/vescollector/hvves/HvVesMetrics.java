package io.vescollector.hvves;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HV-VES listener's metrics under ONAP HV-VES's own names ({@code hvves_*}), so that dashboards
 * built for ONAP's collector read this one unchanged. Cause tags are ONAP's words, plus two for checks
 * ONAP lacks: {@code connection_limit} (a connection beyond {@code hvVes.maxConnections}) and
 * {@code certificate} (a client certificate whose subject {@code auth.certSubjectPattern} does not allow).
 */
final class HvVesMetrics {
  /** Why a frame was dropped while its connection went on. */
  enum Drop { INVALID, ROUTING, KAFKA }

  /** Why a connection was ended by the collector. */
  enum Rejection { INVALID_MARKER, TOO_BIG_PAYLOAD, UNEXPECTED, CONNECTION_LIMIT, CERTIFICATE }

  /** ONAP's timers reach 300 s; these bounds give its dashboards buckets from a millisecond up. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300)};

  private final MeterRegistry registry;
  private final Counter dataBytes;
  private final Counter received;
  private final Counter receivedPayloadBytes;
  private final Counter sent;
  private final Map<String, Counter> sentByTopic = new ConcurrentHashMap<>();
  private final Counter dropped;
  private final Map<Drop, Counter> droppedBy = new EnumMap<>(Drop.class);
  private final Counter rejected;
  private final Map<Rejection, Counter> rejectedBy = new EnumMap<>(Rejection.class);
  private final Counter connections;
  private final Counter disconnections;
  private final AtomicInteger active = new AtomicInteger();
  private final Timer processing;
  private final Timer latency;
  private final Timer travel;

  HvVesMetrics(MeterRegistry registry) {
    this.registry = registry;
    dataBytes = Counter.builder("hvves_data_received_bytes").description("Bytes read from HV-VES connections")
        .register(registry);
    received = Counter.builder("hvves_messages_received").description("WTP frames decoded, before any check")
        .register(registry);
    receivedPayloadBytes = Counter.builder("hvves_messages_received_payload_bytes")
        .description("Payload bytes of the WTP frames decoded").register(registry);
    sent = Counter.builder("hvves_messages_sent").description("HV-VES events Kafka acknowledged").register(registry);
    dropped = Counter.builder("hvves_messages_dropped").description("WTP frames dropped, their connection going on")
        .register(registry);
    for (Drop cause : Drop.values()) {
      droppedBy.put(cause, Counter.builder("hvves_messages_dropped_cause").tag("cause", tag(cause))
          .description("WTP frames dropped, by cause").register(registry));
    }
    rejected = Counter.builder("hvves_clients_rejected").description("HV-VES connections ended by the collector")
        .register(registry);
    for (Rejection cause : Rejection.values()) {
      rejectedBy.put(cause, Counter.builder("hvves_clients_rejected_cause").tag("cause", tag(cause))
          .description("HV-VES connections ended by the collector, by cause").register(registry));
    }
    connections = Counter.builder("hvves_connections").description("HV-VES connections accepted").register(registry);
    disconnections = Counter.builder("hvves_disconnections").description("HV-VES connections closed")
        .register(registry);
    Gauge.builder("hvves_connections_active", active, AtomicInteger::get)
        .description("HV-VES connections open").register(registry);
    processing = timer("hvves_messages_processing_time", "From a frame's last byte read to Kafka's acknowledgement");
    latency = timer("hvves_messages_latency", "From the event's lastEpochMicrosec to Kafka's acknowledgement");
    travel = timer("hvves_messages_to_collector_travel_time", "From the event's lastEpochMicrosec to its frame's arrival");
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS)
        .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1]).register(registry);
  }

  /** The cause's tag, also the rejected-events topic's {@code ves-drop-cause}. */
  static String tag(Enum<?> cause) {
    return cause.name().toLowerCase(Locale.ROOT);
  }

  void bytesRead(int bytes) {
    dataBytes.increment(bytes);
  }

  void received(int payloadBytes) {
    received.increment();
    receivedPayloadBytes.increment(payloadBytes);
  }

  /** The event's own time against the collector's clock when its frame arrived. */
  void travelled(long lastEpochMicrosec, long arrivedEpochMicros) {
    travel.record(arrivedEpochMicros - lastEpochMicrosec, TimeUnit.MICROSECONDS);
  }

  void sent(String topic, long processingNanos, long lastEpochMicrosec, long ackEpochMicros) {
    sent.increment();
    sentByTopic.computeIfAbsent(topic, t -> Counter.builder("hvves_messages_sent_topic").tag("topic", t)
        .description("HV-VES events Kafka acknowledged, by topic").register(registry)).increment();
    processing.record(processingNanos, TimeUnit.NANOSECONDS);
    latency.record(ackEpochMicros - lastEpochMicrosec, TimeUnit.MICROSECONDS);
  }

  void dropped(Drop cause) {
    dropped.increment();
    droppedBy.get(cause).increment();
  }

  void rejected(Rejection cause) {
    rejected.increment();
    rejectedBy.get(cause).increment();
  }

  void connected() {
    connections.increment();
    active.incrementAndGet();
  }

  void disconnected() {
    disconnections.increment();
    active.decrementAndGet();
  }

  double droppedFor(Drop cause) {
    return droppedBy.get(cause).count();
  }

  double rejectedFor(Rejection cause) {
    return rejectedBy.get(cause).count();
  }
}
