package io.vescollector.tools.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vescollector.publish.RejectedEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the collector's topics with a plain KafkaConsumer. Without a group it assigns every partition
 * itself and seeks (to the beginning, or to the current end), so it never joins or disturbs a real
 * consumer group; topics that do not exist yet are looked for again each second and read from their
 * beginning once they appear. Runs on the caller's thread; {@link #stop()} may be called from any thread.
 */
public final class TopicTail implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final ConsumeOptions options;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final KafkaConsumer<byte[], byte[]> consumer;
  /** Topics not found yet (none with a group, which subscribes and waits for them itself). */
  private final Set<String> missing;
  private boolean brokerAnswered;
  private volatile boolean stopped;

  public TopicTail(ConsumeOptions options, ObjectMapper mapper, Clock clock) {
    this.options = options;
    this.mapper = mapper;
    this.clock = clock;
    Map<String, Object> config = options.kafka().forConsumer();
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ves-collector-consume");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    if (options.group() != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, options.fromBeginning() ? "earliest" : "latest");
    } else {
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.missing = new LinkedHashSet<>(options.group() == null ? options.topics() : List.of());
  }

  /** Reads until --max events were shown, --timeout passed without a record, or {@link #stop()}. Returns the events shown. */
  public long run(EventSink sink) {
    long shown = 0;
    long now = System.nanoTime();
    long lastActivity = now;
    long lastTick = now;
    long lastLookup = now - 2_000_000_000L;
    List<TopicPartition> assigned = new ArrayList<>();
    boolean first = true;
    if (options.group() != null) {
      consumer.subscribe(options.topics());
    }
    try {
      while (!stopped) {
        now = System.nanoTime();
        if (!missing.isEmpty() && now - lastLookup >= 1_000_000_000L) {
          lastLookup = now;
          assign(assigned, first);
          first = false;
        }
        boolean reading = options.group() != null || !assigned.isEmpty();
        ConsumerRecords<byte[], byte[]> records = reading ? consumer.poll(POLL) : ConsumerRecords.empty();
        if (!reading) {
          sleep(POLL);
        }
        now = System.nanoTime();
        if (!records.isEmpty()) {
          lastActivity = now;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          ConsumedEvent event = toEvent(record);
          if (matches(event)) {
            sink.accept(event);
            shown++;
            if (options.max() > 0 && shown >= options.max()) {
              return shown;
            }
          }
        }
        if (now - lastTick >= 1_000_000_000L) {
          lastTick = now;
          sink.tick();
        }
        if (options.idleTimeout() != null && now - lastActivity >= options.idleTimeout().toNanos()) {
          return shown;
        }
      }
    } catch (WakeupException e) {
      // stop() was called
    }
    return shown;
  }

  /** Ends {@link #run} from another thread (Ctrl-C). */
  public void stop() {
    stopped = true;
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }

  /** The topics that {@link #run} never found: not created yet, or (see {@link #brokerAnswered}) no broker. */
  public List<String> topicsNotFound() {
    return List.copyOf(missing);
  }

  /** Whether the broker answered a metadata request during {@link #run} (always false with a group). */
  public boolean brokerAnswered() {
    return brokerAnswered;
  }

  private void assign(List<TopicPartition> assigned, boolean atStart) {
    List<TopicPartition> found = new ArrayList<>();
    for (String topic : List.copyOf(missing)) {
      List<PartitionInfo> partitions;
      try {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1));
      } catch (TimeoutException e) {
        continue;
      }
      brokerAnswered = true;
      if (partitions != null && !partitions.isEmpty()) {
        missing.remove(topic);
        partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    if (found.isEmpty()) {
      return;
    }
    assigned.addAll(found);
    consumer.assign(assigned);
    if (options.fromBeginning() || !atStart) {
      consumer.seekToBeginning(found);
    } else {
      consumer.seekToEnd(found);
    }
    found.forEach(consumer::position); // pin the start now, not at the first poll
  }

  private boolean matches(ConsumedEvent event) {
    if (options.filters().isEmpty()) {
      return true;
    }
    return event.event() != null && options.filters().stream().allMatch(f -> f.matches(event.event()));
  }

  private ConsumedEvent toEvent(ConsumerRecord<byte[], byte[]> record) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Header h : record.headers()) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(h.key(),
          h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
    }
    String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    JsonNode event = null;
    boolean mayBeHvVes = record.value() != null && record.value().length > 0;
    try {
      JsonNode tree = record.value() == null ? null : mapper.readTree(record.value());
      event = tree != null && tree.path("event").isObject() ? tree.get("event") : null;
      mayBeHvVes &= tree == null || tree.isValueNode(); // protobuf bytes can start like a JSON number
    } catch (IOException notJson) {
      // shown as text, and counted as not a VES record, unless it is an HV-VES record
    }
    if (event == null && mayBeHvVes) {
      ObjectNode hvVes = HvVesView.of(record.value(), mapper);
      if (hvVes != null) {
        event = hvVes;
        value = hvVes.toString();
        key = HvVesView.key(hvVes);
      }
    }
    if (record.headers().lastHeader(RejectedEvents.HEADER_DROP_CAUSE) != null) {
      // a dropped HV-VES frame's payload, which may be any bytes: shown whole, whatever it decoded to
      value = Base64.getEncoder().encodeToString(record.value() == null ? new byte[0] : record.value());
    }
    Instant at = clock.instant();
    return new ConsumedEvent(record.topic(), record.partition(), record.offset(), record.timestamp(),
        key, headers, value, event, at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
