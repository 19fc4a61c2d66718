package io.vescollector.tools.compare;

import io.vescollector.publish.OutgoingRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import io.vescollector.kafka.KafkaClientSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Path 4: the producer publishes its records to the consumer's Kafka itself, with the settings of the
 * proposal's BusSession (acks=all, linger.ms=5), one KafkaProducer and one thread per producer.
 * Wire bytes: the Kafka clients' own outgoing-byte-total (produce requests as sent to the broker,
 * record batches with their framing). CPU: the sending threads plus the clients' network threads.
 */
final class BusSender implements PathSender {
  private final Workload workload;
  private final SendTally tally;
  private final String topic;
  private final BusEncoding encoding;
  private final List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
  private final List<String> clientIds = new ArrayList<>();
  private final AtomicLong cpuNanos = new AtomicLong();

  BusSender(Workload workload, SendTally tally, KafkaClientSettings kafka, String topic, BusEncoding encoding) {
    this.workload = workload;
    this.tally = tally;
    this.topic = topic;
    this.encoding = encoding;
    for (int k = 0; k < workload.producers(); k++) {
      String clientId = "compare-bus-" + workload.plan().runId() + "-" + k;
      clientIds.add(clientId);
      Map<String, Object> props = kafka.forProducer();
      props.putAll(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId, ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
      producers.add(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }
  }

  /** Fetches the topic's metadata, so the first scheduled record does not wait for it. */
  @Override
  public void open() {
    producers.forEach(p -> p.partitionsFor(topic));
  }

  @Override
  public void run(Pacing pacing) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < workload.producers(); k++) {
      int producer = k;
      Thread t = new Thread(() -> publish(producer, pacing), "compare-bus-" + k);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (KafkaProducer<byte[], byte[]> p : producers) {
      p.flush();
      tally.bytes((long) metric(p.metrics(), "outgoing-byte-total"));
    }
    cpuNanos.addAndGet(networkThreadsCpu());
  }

  private void publish(int k, Pacing pacing) {
    KafkaProducer<byte[], byte[]> producer = producers.get(k);
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    for (long n = 0; ; n++) {
      long elapsed = System.nanoTime() - start;
      long stamp;
      if (pacing.phase() == Phase.FIXED) {
        long due = pacing.dueNanos(n, k, workload.producers());
        if (due >= pacing.durationNanos()) {
          break;
        }
        if (due > elapsed) {
          LockSupport.parkNanos(due - elapsed);
        }
        stamp = startMillis + due / 1_000_000;
      } else {
        if (elapsed >= pacing.durationNanos()) {
          break;
        }
        stamp = System.currentTimeMillis();
      }
      for (CellReport r : workload.period(k, n)) {
        OutgoingRecord rec = encoding.record(topic, r, stamp);
        producer.send(new ProducerRecord<>(rec.topic(), null, rec.key(), rec.value(), rec.headers()), (m, e) -> {
          if (e != null) {
            tally.error();
          }
        });
        tally.sent(r.values().length, 0);
      }
    }
    cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
  }

  private long networkThreadsCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("kafka-producer-network-thread") && clientIds.stream().anyMatch(t.getName()::endsWith)) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return sum;
  }

  static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
    return metrics.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(0);
  }

  @Override
  public long producerCpuNanos() {
    return cpuNanos.get();
  }

  @Override
  public void close() {
    producers.forEach(p -> p.close(Duration.ofSeconds(10)));
  }
}
