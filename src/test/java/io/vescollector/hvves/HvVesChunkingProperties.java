package io.vescollector.hvves;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vescollector.hvves.proto.CommonEventHeader;
import io.vescollector.hvves.proto.VesEvent;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.PropertyCollector;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Over a real socket to a running collector: a stream of frames (valid events, and frames the collector
 * drops) cut at any offsets, each piece read by the collector before the next is sent, gives the same
 * records in Kafka as the frames whole: the valid events, keyed by their header, valued by their bytes.
 */
class HvVesChunkingProperties {
  private final PropertyCollector collectors = new PropertyCollector((vertx, kafka) -> HvVesCollectors.start(vertx, kafka, Map.of()));

  /** What a frame of the stream is. */
  enum Kind { VALID, BAD_VERSION, BAD_HEADER, NOT_PROTOBUF, UNROUTED }

  private CollectorHarness collector() {
    return collectors.collector();
  }

  @AfterProperty
  void stop() {
    collectors.close();
  }

  @Property(tries = 12)
  void anyChunkingOfAStreamGivesTheSameRecords(@ForAll("kinds") List<Kind> kinds, @ForAll("cuts") List<Integer> cuts) {
    CollectorHarness collector = collector();
    String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<byte[]> expected = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      VesEvent event = HvVesSamples.event(HvVesSamples.header("perf3gpp", source, i), 1 + i % 7);
      byte[] payload = event.toByteArray();
      switch (kinds.get(i)) {
        case VALID -> {
          stream.writeBytes(HvVesSamples.frame(payload));
          expected.add(payload);
        }
        case BAD_VERSION -> stream.writeBytes(HvVesSamples.frame(0xAA, 3, 0, 1, payload.length, payload));
        case BAD_HEADER -> stream.writeBytes(HvVesSamples.frame(event.toBuilder()
            .setCommonEventHeader(event.getCommonEventHeader().toBuilder().clearEventId()).build()));
        case NOT_PROTOBUF -> stream.writeBytes(HvVesSamples.frame(Arrays.copyOf(payload, payload.length - 1)));
        case UNROUTED -> stream.writeBytes(HvVesSamples.frame(event.toBuilder()
            .setCommonEventHeader(event.getCommonEventHeader().toBuilder().setDomain("fault")).build()));
      }
    }
    byte[] bytes = stream.toByteArray();
    try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
      double read = bytesRead(collector);
      int start = 0;
      List<Integer> points = new ArrayList<>(new TreeSet<>(cuts).headSet(bytes.length));
      points.add(bytes.length);
      for (int cut : points) {
        if (cut == start) {
          continue;
        }
        client.send(Arrays.copyOfRange(bytes, start, cut));
        double until = read + cut;
        // the collector has read this piece before the next one leaves: its reads end where the cuts are
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> bytesRead(collector) >= until);
        start = cut;
      }
      String topic = HvVesCollectors.topic(collector, "perf3gpp");
      if (!expected.isEmpty()) { // wait for them, then read everything: no record beyond them
        HvVesRecordReader.read(collectors.kafka().bootstrapServers(), topic, source, expected.size(), Duration.ofSeconds(30));
      }
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(
          HvVesRecordReader.readAll(collectors.kafka().bootstrapServers(), topic).stream()
              .filter(r -> HvVesRecordReader.header(r).getSourceName().equals(source)).toList());
      records.sort(Comparator.comparingInt(r -> HvVesRecordReader.header(r).getSequence()));
      assertEquals(expected.size(), records.size(), "records of " + kinds);
      for (int i = 0; i < expected.size(); i++) {
        CommonEventHeader header = VesEvent.parseFrom(expected.get(i)).getCommonEventHeader();
        assertArrayEquals(expected.get(i), records.get(i).value());
        assertArrayEquals(header.toByteArray(), records.get(i).key());
      }
      assertFalse(client.closedByCollector(Duration.ofMillis(20)), "a dropped frame ended the connection");
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<List<Kind>> kinds() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(Kind.VALID)),
        Tuple.of(1, Arbitraries.of(Kind.BAD_VERSION, Kind.BAD_HEADER, Kind.NOT_PROTOBUF, Kind.UNROUTED)))
        .list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(1, 8000).list().ofMaxSize(60);
  }

  private static double bytesRead(CollectorHarness collector) {
    return collector.registry().find("hvves_data_received_bytes").counter().count();
  }
}
