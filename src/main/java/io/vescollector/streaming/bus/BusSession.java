package io.vescollector.streaming.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.publish.OutgoingRecord;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamRecordFactory;
import io.vescollector.streaming.UnitOrigin;
import io.vescollector.streaming.pm.gpb.PmStreamUnit;
import io.vescollector.streaming.producer.PmUnitGenerator;
import io.vescollector.streaming.producer.StreamStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One logical streaming session on the producer side: a thread that publishes the session's PM units
 * straight to the consumer's broker endpoint(s), in the record format of the WebSocket path (the same
 * {@link StreamRecordFactory}), so a consumer cannot tell by the records which path carried them
 * except by the session-id header. Kafka's own buffer bounds it: {@code send} waits when full.
 */
public final class BusSession {
  /** Session states, the project's names. */
  public enum State { ACTIVE, ENDED, FAILED }

  private final String id;
  private final String uri;
  private final String producerDn;
  private final SessionRequest request;
  private final int granularitySeconds;
  private final double unitsPerSecond;
  private final StreamRecordFactory records = new StreamRecordFactory();
  private final StreamStats stats = new StreamStats();
  private final Instant started = Instant.now();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Thread thread;
  private volatile State state = State.ACTIVE;
  private volatile boolean running = true;

  public BusSession(String id, String uri, String producerDn, SessionRequest request, int granularitySeconds,
                    double unitsPerSecond) {
    this.id = id;
    this.uri = uri;
    this.producerDn = producerDn;
    this.request = request;
    this.granularitySeconds = granularitySeconds;
    this.unitsPerSecond = unitsPerSecond;
    this.thread = new Thread(this::publishLoop, "bus-session-" + id);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public String id() {
    return id;
  }

  public String uri() {
    return uri;
  }

  public StreamStats stats() {
    return stats;
  }

  /** Ends the session: stops publishing, flushes what was sent. Blocking (up to a few seconds). */
  public void end() {
    running = false;
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (state == State.ACTIVE) {
      state = State.ENDED;
    }
  }

  private void publishLoop() {
    List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
    try {
      for (BrokerEndpoint e : request.brokerEndpoints()) {
        Map<String, Object> props = e.clientProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "stream-producer-session-" + id);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producers.add(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
      }
      PmUnitGenerator generator = new PmUnitGenerator(request.streams(), granularitySeconds, System.currentTimeMillis());
      UnitOrigin origin = UnitOrigin.session(producerDn, uri);
      long startNanos = System.nanoTime();
      long sent = 0;
      long[] sequence = new long[generator.streamCount()];
      int index = 0;
      while (running) {
        if (unitsPerSecond > 0 && sent >= (long) (unitsPerSecond * (System.nanoTime() - startNanos) / 1e9) + 1) {
          Thread.sleep(2);
          continue;
        }
        StreamInfo stream = request.streams().get(index);
        PmStreamUnit unit = generator.unit(index, sequence[index]++);
        index = (index + 1) % generator.streamCount();
        for (int i = 0; i < producers.size(); i++) {
          OutgoingRecord r = records.performance(request.brokerEndpoints().get(i).topic(), origin, stream, unit);
          producers.get(i).send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()), (m, error) -> {
            if (error != null) {
              stats.error();
              lastError.set(error.toString());
            }
          });
          stats.sent(unit.getValuesCount(), r.value().length);
        }
        sent++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      lastError.set(e.toString());
      state = State.FAILED;
    } finally {
      producers.forEach(p -> p.close(Duration.ofSeconds(10)));
    }
  }

  /** The session resource (the project's shape): the request as given, less secrets, with progress. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("session", uri);
    node.put("producer", producerDn);
    if (request.consumer() != null) {
      node.put("consumer", request.consumer());
    }
    ArrayNode endpoints = node.putArray("brokerEndpoints");
    request.brokerEndpoints().forEach(e -> endpoints.add(e.toJson(mapper)));
    ArrayNode streams = node.putArray("streams");
    request.streams().forEach(s -> streams.add(s.json()));
    node.put("state", state.name());
    node.put("startTime", started.toString());
    node.put("unitsPublished", stats.units());
    node.put("publishErrors", stats.errors());
    if (lastError.get() != null) {
      node.put("lastError", lastError.get());
    }
    return node;
  }
}
