package io.vescollector.tools.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import io.vescollector.kafka.KafkaClientSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer at the end of a path: reads the path's topic from its end while the path runs, decodes
 * every record back to values and counts those of this run's producers (others are ignored), and
 * records, per cell report, receipt time (after poll returns) minus the producer's send time, in ms.
 */
final class DeliveryCounter implements AutoCloseable {
  private static final long MAX_LATENCY_MS = 3_600_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final String producerPrefix;
  private final DeliveredDecoder decoder;
  private final Histogram latency = new Histogram(MAX_LATENCY_MS, 3);
  private final AtomicLong values = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong lastReceiptMillis = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  DeliveryCounter(KafkaClientSettings kafka, String topic, String producerPrefix, ObjectMapper mapper) {
    this.topic = topic;
    this.producerPrefix = producerPrefix;
    this.decoder = new DeliveredDecoder(mapper);
    Map<String, Object> settings = kafka.forConsumer();
    settings.putAll(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "compare-consumer-" + producerPrefix.hashCode(),
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100));
    this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::poll, "compare-consumer");
  }

  /** Positions at the end of every partition (so earlier runs do not count), then starts polling. */
  void start() {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread.start();
  }

  private void poll() {
    while (running) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
      long now = System.currentTimeMillis();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        count(record.value(), now);
      }
    }
  }

  private void count(byte[] value, long receiptMillis) {
    List<Delivered> delivered;
    try {
      delivered = decoder.decode(value);
    } catch (Exception e) {
      errors.incrementAndGet();
      return;
    }
    for (Delivered d : delivered) {
      if (!d.producerDn().startsWith(producerPrefix)) {
        continue;
      }
      values.addAndGet(d.values().size());
      lastReceiptMillis.set(receiptMillis);
      synchronized (latency) {
        latency.recordValue(Math.max(0, Math.min(MAX_LATENCY_MS, receiptMillis - d.sendMillis())));
      }
    }
  }

  /** Waits until {@code expected} values arrived, or nothing arrived for {@code quietMillis}, or {@code maxMillis}. */
  void awaitValues(long expected, long quietMillis, long maxMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    long seen = values.get();
    long lastProgress = System.currentTimeMillis();
    while (values.get() < expected && System.currentTimeMillis() < deadline
        && System.currentTimeMillis() - lastProgress < quietMillis) {
      Thread.sleep(20);
      if (values.get() != seen) {
        seen = values.get();
        lastProgress = System.currentTimeMillis();
      }
    }
  }

  long values() {
    return values.get();
  }

  long errors() {
    return errors.get();
  }

  long lastReceiptMillis() {
    return lastReceiptMillis.get();
  }

  Histogram latency() {
    synchronized (latency) {
      return latency.copy();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(2));
  }
}
