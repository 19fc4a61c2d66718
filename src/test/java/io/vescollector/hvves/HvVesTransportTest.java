package io.vescollector.hvves;

import static io.vescollector.hvves.HvVesSamples.frame;
import static io.vescollector.hvves.HvVesSamples.perf3gppEvent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vescollector.config.NetworkTransport;
import io.vescollector.hvves.proto.VesEvent;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import io.vescollector.testkit.TransportVertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HV-VES listener on each network transport {@code server.transport} can pick: frames that arrive split
 * across reads are stored whole, in order, and a broken stream still closes its connection. A transport this
 * machine does not offer is skipped, saying why.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HvVesTransportTest {

  @ParameterizedTest
  @EnumSource(value = NetworkTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
  void framesAreStoredAndABrokenStreamIsClosed(NetworkTransport transport, TestKafka kafka) throws Exception {
    Vertx vertx = TransportVertx.on(transport);
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of())) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      VesEvent one = perf3gppEvent(source, 1);
      VesEvent two = perf3gppEvent(source, 2);
      byte[] first = frame(one);
      byte[] second = frame(two);
      try (HvVesClient client = new HvVesClient(collector.hvVesPort())) {
        // The first frame in two writes, the second frame's first byte with the end of the first.
        client.send(Arrays.copyOfRange(first, 0, 5));
        byte[] rest = Arrays.copyOfRange(first, 5, first.length + 1);
        rest[rest.length - 1] = second[0];
        client.send(rest).send(Arrays.copyOfRange(second, 1, second.length));
        List<ConsumerRecord<byte[], byte[]>> stored = HvVesRecordReader.read(kafka.bootstrapServers(),
            HvVesCollectors.topic(collector, "perf3gpp"), source, 2, Duration.ofSeconds(30));
        assertArrayEquals(one.toByteArray(), stored.get(0).value());
        assertArrayEquals(two.toByteArray(), stored.get(1).value());

        client.send(new byte[] {0x00, 0x01}); // not the WTP marker 0xAA: the stream is broken
        assertTrue(client.closedByCollector(Duration.ofSeconds(10)), "a broken stream closes the connection");
      }
    } finally {
      vertx.close().await();
    }
  }
}
