package io.vescollector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vescollector.kafka.KafkaReadiness;
import io.vescollector.publish.InFlight;
import io.vescollector.publish.PublishListener;
import io.vescollector.publish.RejectedEvents;
import io.vescollector.security.AuthOutcome;
import io.vescollector.security.AuthenticationListener;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * The collector's own metrics, beside those Vert.x and the JVM report. Meters are created once per tag
 * combination and cached, so the data path only looks up a map and increments. Tag values come from
 * bounded sets (the served API versions or "other", schema-checked domains, configured topics, the VES
 * messageIds), never from raw client input, so a client cannot blow up the number of series.
 */
public final class CollectorMetrics implements PublishListener {
  /** The version tag of requests to a listener version the collector does not serve. */
  public static final String OTHER_VERSION = "other";
  private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Map<String, Counter> topicUnavailable = new ConcurrentHashMap<>();
  private final Map<String, Timer> publishLatency = new ConcurrentHashMap<>();
  private final Timer eventAge;

  public CollectorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.eventAge = Timer.builder("ves_event_age")
        .description("Collector receive time minus the event's lastEpochMicrosec (end-to-end latency up to the collector)")
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(15))
        .register(registry);
  }

  /** A request counter's tags; a record rather than a joined string, which cost a concatenation per request. */
  private record RequestKey(String version, int status) {}

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * One answered VES request.
   * @param version a served listener version ({@code v7}, one route each) or {@link #OTHER_VERSION}, never
   *     the client's own text
   */
  public void request(String version, int status) {
    requests.computeIfAbsent(new RequestKey(version, status), k -> Counter.builder("ves_requests")
        .description("VES requests answered, by API version and HTTP status")
        .tag("version", version).tag("status", Integer.toString(status)).register(registry)).increment();
  }

  public void accepted(String domain, int events) {
    accepted.computeIfAbsent(domain, d -> Counter.builder("ves_events_accepted")
        .description("Events stored in Kafka and answered 202, by domain")
        .tag("domain", d).register(registry)).increment(events);
  }

  /** @param domain the events' domain, or "unknown" when the request was refused before it was read */
  public void rejected(String domain, String messageId, int events) {
    rejected.computeIfAbsent(domain + ' ' + messageId, k -> Counter.builder("ves_events_rejected")
        .description("Events (or unreadable requests) refused, by domain and VES messageId")
        .tag("domain", domain).tag("reason", messageId).register(registry)).increment(events);
  }

  /** Arrival time minus lastEpochMicrosec; negative ages (sender clocks ahead) count as zero. */
  public void eventAge(long micros) {
    eventAge.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
  }

  @Override
  public void stored(String topic, int records) {
    published.computeIfAbsent(topic, t -> Counter.builder("ves_records_published")
        .description("Records Kafka acknowledged, by topic").tag("topic", t).register(registry)).increment(records);
  }

  @Override
  public void topicUnavailable(String topic, int events) {
    topicUnavailable.computeIfAbsent(topic, t -> Counter.builder("ves_events_topic_unavailable")
        .description("Events refused with 503 SVC1000, unsent, because their topic does not exist (and may not be "
            + "created) or Kafka does not let the collector write to it, by topic")
        .tag("topic", t).register(registry)).increment(events);
  }

  /**
   * How many topics are known to be unavailable (readiness lists them); {@code ves_events_topic_unavailable_total}
   * starts at zero for each of {@code eventTopics}, so that a rate or an alert sees its first increase.
   */
  public void bindUnavailableTopics(IntSupplier count, Collection<String> eventTopics) {
    eventTopics.forEach(topic -> topicUnavailable(topic, 0));
    Gauge.builder("ves_topics_unavailable", count, IntSupplier::getAsInt).strongReference(true)
        .description("Topics the collector knows it cannot write to: missing under kafka.topic.create false, "
            + "creation refused, or not authorised")
        .register(registry);
  }

  /**
   * {@code ves_ready} and {@code ves_kafka_reachable} (1 or 0): what readiness answers, read from
   * {@code readiness} at each scrape (the background Kafka check's last result; nothing is asked of Kafka).
   */
  public void bindReadiness(KafkaReadiness readiness) {
    Gauge.builder("ves_ready", readiness, r -> r.status().ready() ? 1 : 0)
        .description("1 when readiness answers UP: Kafka answers and some mapped topic can be written to")
        .register(registry);
    Gauge.builder("ves_kafka_reachable", readiness, r -> r.status().reachable() ? 1 : 0)
        .description("1 when the last Kafka check (kafka.healthIntervalMs) got an answer with the collector's credentials")
        .register(registry);
  }

  @Override
  public void answered(long nanos, boolean ok) {
    publishLatency.computeIfAbsent(ok ? "ok" : "failed", outcome -> Timer.builder("ves_publish_latency")
        .description("Time from queuing a request's records for Kafka to its answer for the last of them")
        .tag("outcome", outcome).serviceLevelObjectives(LATENCY_SLOS).register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void bindInFlight(InFlight inFlight) {
    Gauge.builder("ves_inflight_events", inFlight, InFlight::events)
        .description("Events sent to Kafka and not yet acknowledged").register(registry);
    Gauge.builder("ves_inflight_bytes", inFlight, InFlight::bytes)
        .description("Bytes of records sent to Kafka and not yet acknowledged").register(registry);
    Gauge.builder("ves_inflight_events_max", inFlight, InFlight::maxEvents).register(registry);
    Gauge.builder("ves_inflight_bytes_max", inFlight, InFlight::maxBytes).register(registry);
  }

  /**
   * Open connections and those the listener's bounds refused, read from {@code connections} (held
   * weakly, as Micrometer holds what it reads; the listener holds it for the process's life).
   * @param refusedByProcessBound connections refused since start because the process held its bound
   * @param refusedByAddressBound those refused because their address held its bound
   */
  public <T> void bindConnections(T connections, ToDoubleFunction<T> open, int max,
                                  ToDoubleFunction<T> refusedByProcessBound, ToDoubleFunction<T> refusedByAddressBound) {
    Gauge.builder("ves_connections_open", connections, open)
        .description("Client connections counted against server.maxConnections").register(registry);
    Gauge.builder("ves_connections_max", () -> max).register(registry);
    FunctionCounter.builder("ves_connections_refused", connections, refusedByProcessBound)
        .description("Connections refused (503, closed) by a bound").tag("bound", "process").register(registry);
    FunctionCounter.builder("ves_connections_refused", connections, refusedByAddressBound)
        .description("Connections refused (503, closed) by a bound").tag("bound", "address").register(registry);
  }

  /**
   * Registers the authentication meters, every outcome at zero, and returns what reports to them:
   * {@code ves_authentications} by outcome and reason (fixed words, never a client's value),
   * {@code ves_auth_bcrypt_checks} and {@code ves_auth_failure_delay}.
   */
  public AuthenticationListener authentication() {
    Map<AuthOutcome, Counter> outcomes = new EnumMap<>(AuthOutcome.class);
    for (AuthOutcome o : AuthOutcome.values()) {
      outcomes.put(o, Counter.builder("ves_authentications")
          .description("Requests' credentials answered: accepted, refused (401), throttled (429: the address failed "
              + "too often) or busy (503: the bcrypt queue is full), with the reason")
          .tag("outcome", o.outcome()).tag("reason", o.reason()).register(registry));
    }
    Counter checks = Counter.builder("ves_auth_bcrypt_checks")
        .description("bcrypt checks run (users' hashes and the stand-in for names without a user)").register(registry);
    Timer delays = Timer.builder("ves_auth_failure_delay")
        .description("How long failure answers were held back because their user name kept failing")
        .register(registry);
    return new AuthenticationListener() {
      @Override
      public void outcome(AuthOutcome outcome) {
        outcomes.get(outcome).increment();
      }

      @Override
      public void bcryptCheck() {
        checks.increment();
      }

      @Override
      public void failureDelay(long millis) {
        delays.record(millis, TimeUnit.MILLISECONDS);
      }
    };
  }

  /**
   * Registers {@code ves_rejected_events_total} for every outcome at zero and returns what counts to it:
   * copies of refused requests stored in the rejected-events topic (published), refused by Kafka or not
   * acknowledged in time (failed), or dropped because too many were waiting for Kafka (dropped).
   */
  public Consumer<RejectedEvents.Outcome> rejectedEvents() {
    Map<RejectedEvents.Outcome, Counter> counters = new EnumMap<>(RejectedEvents.Outcome.class);
    for (RejectedEvents.Outcome o : RejectedEvents.Outcome.values()) {
      counters.put(o, Counter.builder("ves_rejected_events")
          .description("Copies of refused requests for routing.rejectedTopic, by outcome")
          .tag("outcome", o.tag()).register(registry));
    }
    return outcome -> counters.get(outcome).increment();
  }

  /** {@code ves_auth_bcrypt_queued}: bcrypt checks waiting for a thread. */
  public void bindBcryptQueue(IntSupplier queuedChecks) {
    // Strong: the supplier is often a method reference nothing else holds, which a weak gauge would lose.
    Gauge.builder("ves_auth_bcrypt_queued", queuedChecks, IntSupplier::getAsInt).strongReference(true)
        .description("bcrypt checks waiting for a thread").register(registry);
  }

  /** The producer's own metrics (kafka_producer_*); close the binder with the producer. */
  public AutoCloseable bindProducer(Producer<?, ?> producer) {
    KafkaClientMetrics binder = new KafkaClientMetrics(producer);
    binder.bindTo(registry);
    return binder;
  }
}
