package io.vescollector.hvves;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While Kafka does not acknowledge, the listener stops reading the connection once its in-flight bound is
 * reached: the client's socket buffers fill and its writes stop completing, and what the collector has
 * read stays bounded. Once Kafka is back every event sent is stored.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class HvVesBackPressureTest {
  private static final int PAYLOAD = 8 * 1024;

  /**
   * @param perConnection {@code hvVes.maxInFlightPerConnection}
   * @param overall {@code kafka.maxInFlightEvents}, the whole collector's bound
   */
  @ParameterizedTest(name = "{0} per connection, {1} in the collector")
  @CsvSource({"4, 100000", "256, 3"})
  void withKafkaStalledTheClientsWritesStopCompletingAndNothingIsLostOnceKafkaIsBack(int perConnection, int overall,
                                                                                   Vertx vertx, TestKafka kafka)
      throws IOException {
    assumeTrue(kafka.canStopAndRestart(), "needs a broker it can stop and restart (the embedded one), not " + kafka);
    int bound = Math.min(perConnection, overall);
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of(
        ConfigKeys.HV_VES_MAX_IN_FLIGHT_PER_CONNECTION.name(), String.valueOf(perConnection),
        ConfigKeys.KAFKA_MAX_IN_FLIGHT_EVENTS.name(), String.valueOf(overall),
        ConfigKeys.STREAMING_ENABLED.name(), "false"));
         SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", collector.hvVesPort()))) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      String topic = HvVesCollectors.topic(collector, "perf3gpp");
      Sender sender = new Sender(channel, source);
      sender.writeWhole(); // the first event creates the topic while Kafka is up
      HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, 1, Duration.ofSeconds(30));

      kafka.stopBroker();
      long stalledRead;
      try {
        channel.configureBlocking(false);
        // Writes keep completing while the collector reads; once it has stopped, none completes for a while.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).during(Duration.ofSeconds(1))
            .until(() -> sender.writeWhatFits() == 0);
        stalledRead = (long) counter(collector, "hvves_data_received_bytes");
        double framesRead = counter(collector, "hvves_messages_received");
        System.out.printf("[hv-ves back-pressure] client wrote %d bytes (%d events begun); the collector read %d bytes,"
            + " decoded %.0f frames, %.0f events in flight%n", sender.written, sender.begun, stalledRead, framesRead,
            gauge(collector, "ves_inflight_events"));
        assertTrue(stalledRead < sender.written, "the collector read everything: no back-pressure");
        // the first event (stored), those in flight, and one the collector's bound refused and holds
        assertTrue(framesRead <= 1 + bound + 1, framesRead + " frames decoded with " + bound + " allowed in flight");
        assertTrue(gauge(collector, "ves_inflight_events") <= bound);
        assertTrue(stalledRead <= 1L << 20, "the collector holds " + stalledRead + " bytes read for a stalled Kafka");
      } finally {
        kafka.restartBroker();
      }
      channel.configureBlocking(true);
      sender.finishCurrent();
      List<?> stored = HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, sender.begun,
          Duration.ofSeconds(90));
      assertEquals(sender.begun, stored.size());
      assertTrue(counter(collector, "hvves_data_received_bytes") > stalledRead, "reading did not resume");
    }
  }

  /** Writes frames of {@link #PAYLOAD} bytes, keeping the one a write left unfinished. */
  private static final class Sender {
    private final SocketChannel channel;
    private final String source;
    private ByteBuffer current;
    long written;
    int begun;

    Sender(SocketChannel channel, String source) {
      this.channel = channel;
      this.source = source;
    }

    private ByteBuffer next() {
      if (current == null || !current.hasRemaining()) {
        current = ByteBuffer.wrap(HvVesSamples.frame(HvVesSamples.payloadOfSize(source, begun + 1, PAYLOAD)));
        begun++;
      }
      return current;
    }

    void writeWhole() throws IOException {
      ByteBuffer frame = next();
      while (frame.hasRemaining()) {
        written += channel.write(frame);
      }
    }

    /** Non-blocking: writes until the socket takes no more; how many bytes it took. */
    long writeWhatFits() {
      try {
        long total = 0;
        while (true) {
          int n = channel.write(next());
          total += n;
          written += n;
          if (n == 0) {
            return total;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void finishCurrent() throws IOException {
      while (current != null && current.hasRemaining()) {
        written += channel.write(current);
      }
    }
  }

  private static double counter(CollectorHarness collector, String name) {
    return collector.registry().find(name).counter().count();
  }

  private static double gauge(CollectorHarness collector, String name) {
    return collector.registry().find(name).gauge().value();
  }
}
