package io.vescollector.hvves;

import static org.junit.jupiter.api.Assertions.fail;

import io.vescollector.hvves.proto.CommonEventHeader;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads HV-VES records with their keys as bytes (a protobuf header, not text). */
final class HvVesRecordReader {
  private HvVesRecordReader() {}

  /** The key's header, or fails the test. */
  static CommonEventHeader header(ConsumerRecord<byte[], byte[]> record) {
    try {
      return CommonEventHeader.parseFrom(record.key());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the key is not a CommonEventHeader", e);
    }
  }

  /** Records of {@code topic} whose header has {@code sourceName}, until {@code count} arrived; by partition and offset. */
  static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, String sourceName, int count,
                                                   Duration timeout) {
    return read(bootstrap, topic, r -> header(r).getSourceName().equals(sourceName), count, timeout);
  }

  /** Every record of {@code topic} present now (none when the topic does not exist). */
  static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        return out;
      }
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic,
                                                   Predicate<ConsumerRecord<byte[], byte[]>> filter, int count,
                                                   Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofMillis(500));
        partitions = infos == null ? List.of() : infos.stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
      }
      if (!partitions.isEmpty()) {
        c.assign(partitions);
        c.seekToBeginning(partitions);
        while (out.size() < count && System.nanoTime() < deadline) {
          c.poll(Duration.ofMillis(100)).forEach(r -> {
            if (filter.test(r)) {
              out.add(r);
            }
          });
        }
      }
    }
    if (out.size() < count) {
      fail("expected " + count + " record(s) on " + topic + " within " + timeout + ", " + out.size() + " arrived");
    }
    out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    return out;
  }
}
