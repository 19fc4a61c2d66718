package io.vescollector.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vescollector.kafka.EmbeddedKafkaBroker;
import io.vescollector.kafka.ProducerSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The hot path's producer against vertx-kafka-client's: records of about 1 KB (samples/v7/heartbeat.json, each
 * with its own eventId) sent to an embedded broker with the collector's producer settings (acks=all, idempotence,
 * linger 1 ms, lz4, max.block.ms=0), {@value #WINDOW} at a time from one event loop, each answered on it.
 * "plain" calls {@code KafkaProducer.send} on the event loop as the publisher does; "vertx" sends through
 * {@code io.vertx.kafka.client.producer.KafkaProducer}, whose {@code send} runs on a worker and completes its
 * future on the context. Rounds alternate which goes first; the medians are printed. The broker shares the
 * process, so the CPU of the client's threads (event loop, Vert.x workers, the producer's network thread) is
 * shown apart from the whole process's.
 *
 * <p>From the project root: {@code bench/jmh/run-producers [records per round] [rounds]}.
 */
public final class ProducerComparison {
  private static final int WINDOW = 256;
  private static final String TOPIC = "bench.producers";

  private ProducerComparison() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    byte[][] values = values(Path.of("samples/v7/heartbeat.json"), 1024);
    Vertx vertx = Vertx.vertx();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null, 3)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      Map<String, Object> settings = ProducerSettings.forCollector(broker.bootstrapServers(), "bench", 1 << 20,
          64L << 20, Map.of());
      Producer<byte[], byte[]> plain = new KafkaProducer<>(settings);
      io.vertx.kafka.client.producer.KafkaProducer<byte[], byte[]> wrapped =
          io.vertx.kafka.client.producer.KafkaProducer.create(vertx, new KafkaProducer<byte[], byte[]>(settings));
      awaitMetadata(plain);
      awaitMetadata(wrapped.unwrap());
      Variant plainVariant = new Variant("plain", (value, key) ->
          sendPlain(plain, vertx.getOrCreateContext(), new ProducerRecord<>(TOPIC, key, value)));
      Variant vertxVariant = new Variant("vertx", (value, key) ->
          wrapped.send(KafkaProducerRecord.create(TOPIC, key, value)).mapEmpty());
      System.out.printf(Locale.ROOT, "%d records of %d bytes per round, %d rounds, %d in flight, %d cores, %s%n",
          records, values[0].length, rounds, WINDOW, Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      run(vertx, plainVariant, records, values); // warm-up
      run(vertx, vertxVariant, records, values);
      for (int round = 0; round < rounds; round++) {
        List<Variant> order = round % 2 == 0 ? List.of(plainVariant, vertxVariant) : List.of(vertxVariant, plainVariant);
        for (Variant v : order) {
          Result r = run(vertx, v, records, values);
          v.results.add(r);
          System.out.printf(Locale.ROOT, "round %d %-5s %8.0f records/s  client CPU %5.1f µs/record  "
              + "process CPU %5.1f µs/record%n", round + 1, v.name, r.perSecond(), r.clientCpuMicros(), r.processCpuMicros());
        }
      }
      for (Variant v : List.of(plainVariant, vertxVariant)) {
        System.out.printf(Locale.ROOT, "median %-5s %8.0f records/s  client CPU %5.1f µs/record  "
                + "process CPU %5.1f µs/record%n", v.name, median(v.results, Result::perSecond),
            median(v.results, Result::clientCpuMicros), median(v.results, Result::processCpuMicros));
      }
      // Rounds run in pairs under the same load from the rest of the machine: their ratios vary less than either.
      List<Double> throughput = new ArrayList<>();
      List<Double> clientCpu = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        Result p = plainVariant.results.get(round);
        Result x = vertxVariant.results.get(round);
        throughput.add(x.perSecond() / p.perSecond());
        clientCpu.add(x.clientCpuMicros() / p.clientCpuMicros());
      }
      System.out.printf(Locale.ROOT, "median of the rounds' vertx/plain ratios: throughput %.2f, client CPU per "
          + "record %.2f%n", median(throughput, d -> d), median(clientCpu, d -> d));
      plain.close();
      wrapped.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** As the publisher does on an event loop: send, and answer the acknowledgement on the caller's context. */
  private static Future<Void> sendPlain(Producer<byte[], byte[]> producer, Context context,
                                        ProducerRecord<byte[], byte[]> record) {
    Promise<Void> promise = Promise.promise();
    producer.send(record, (metadata, error) -> context.runOnContext(v -> {
      if (error == null) {
        promise.complete();
      } else {
        promise.fail(error);
      }
    }));
    return promise.future();
  }

  /** Sends {@code records} from one event loop, {@link #WINDOW} unanswered at most; returns once all were acknowledged. */
  private static Result run(Vertx vertx, Variant variant, int records, byte[][] values) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long clientBefore = clientCpuNanos(threads);
    long processBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    Promise<Void> done = Promise.promise();
    AtomicLong failures = new AtomicLong();
    vertx.runOnContext(v -> new Pump(variant, records, values, done, failures).fill());
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    long wall = System.nanoTime() - start;
    if (failures.get() > 0) {
      throw new IllegalStateException(variant.name + ": " + failures.get() + " sends failed");
    }
    return new Result(records, wall, clientCpuNanos(threads) - clientBefore, os.getProcessCpuTime() - processBefore);
  }

  /** The collector's side: the event loops, Vert.x's workers and the producers' network threads; not the broker's. */
  private static long clientCpuNanos(ThreadMXBean threads) {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("vert.x-")
          || info.getThreadName().startsWith("kafka-producer-network-thread"))) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** With {@code max.block.ms=0} a send fails until the producer has the topic's metadata: asks until it has. */
  private static void awaitMetadata(Producer<byte[], byte[]> producer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        producer.partitionsFor(TOPIC);
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static byte[][] values(Path sample, int count) throws IOException {
    String json = Files.readString(sample);
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      values[i] = json.replace("heartbeat_gnb-du-0451_0001287", String.format(Locale.ROOT, "heartbeat_gnb-du-%04d_%07d",
          i % 500, i)).getBytes(StandardCharsets.UTF_8);
    }
    return values;
  }

  private static <T> double median(List<T> results, ToDoubleFunction<T> figure) {
    double[] sorted = results.stream().mapToDouble(figure).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private interface Sender {
    Future<Void> send(byte[] value, byte[] key);
  }

  private record Variant(String name, Sender sender, List<Result> results) {
    Variant(String name, Sender sender) {
      this(name, sender, new ArrayList<>());
    }
  }

  private record Result(int records, long wallNanos, long clientCpuNanos, long processCpuNanos) {
    double perSecond() {
      return records * 1e9 / wallNanos;
    }

    double clientCpuMicros() {
      return clientCpuNanos / 1e3 / records;
    }

    double processCpuMicros() {
      return processCpuNanos / 1e3 / records;
    }
  }

  /** Keeps {@link #WINDOW} sends unanswered, on the event loop it was started on. */
  private static final class Pump {
    private final Variant variant;
    private final int records;
    private final byte[][] values;
    private final Promise<Void> done;
    private final AtomicLong failures;
    private int sent;
    private int answered;

    Pump(Variant variant, int records, byte[][] values, Promise<Void> done, AtomicLong failures) {
      this.variant = variant;
      this.records = records;
      this.values = values;
      this.done = done;
      this.failures = failures;
    }

    void fill() {
      while (sent < records && sent - answered < WINDOW) {
        byte[] value = values[sent % values.length];
        byte[] key = ("gnb-du-" + (sent % 500)).getBytes(StandardCharsets.UTF_8);
        sent++;
        variant.sender().send(value, key).onComplete(ar -> {
          if (ar.failed()) {
            failures.incrementAndGet();
          }
          answered++;
          if (answered == records) {
            done.complete();
          } else {
            fill();
          }
        });
      }
    }
  }
}
