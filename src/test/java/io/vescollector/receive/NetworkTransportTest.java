package io.vescollector.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.NetworkTransport;
import io.vescollector.config.SettingsLoader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import io.vescollector.testkit.TransportVertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The collector on each network transport {@code server.transport} can pick (io_uring, epoll, Java NIO),
 * with Vert.x built as {@code serve} builds it: events and batches are stored, the listener's guards (the
 * request timeout, the close after a refused body) hold, and HTTP/2 over TLS answers many streams at once on
 * one connection. A transport this machine does not offer is skipped, saying why.
 */
@ExtendWith(KafkaBrokerExtension.class)
class NetworkTransportTest {
  private static final String V7 = "/eventListener/v7";

  @ParameterizedTest
  @EnumSource(value = NetworkTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
  void eventsAndBatchesAreStoredAndTheListenersGuardsHold(NetworkTransport transport, TestKafka kafka) throws Exception {
    Vertx vertx = TransportVertx.on(transport);
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.SERVER_MAX_BODY_BYTES.name(), "20000", ConfigKeys.SERVER_REQUEST_TIMEOUT_MS.name(), "1500"))) {
      var single = collector.post(V7, event("single").toString());
      assertEquals(202, single.statusCode(), single.bodyAsString());
      ObjectNode events = Samples.JSON.createObjectNode();
      events.putArray("eventList").add(event("batch-1").get("event")).add(event("batch-2").get("event"));
      var batch = collector.post(V7 + "/eventBatch", events.toString());
      assertEquals(202, batch.statusCode(), batch.bodyAsString());
      List<ConsumerRecord<String, byte[]>> stored = kafka.consume(collector.topicOf("fault"), 3, Duration.ofSeconds(30));
      assertEquals(Set.of("nf-single", "nf-batch-1", "nf-batch-2"), stored.stream()
          .map(r -> sourceName(r.value())).collect(Collectors.toSet()));

      try (RawHttp tooLarge = new RawHttp(collector.port())) {
        tooLarge.send(RawHttp.head(V7, "Content-Type: application/json", "Content-Length: 50000"));
        RawHttp.Answer answer = tooLarge.read(10_000);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(tooLarge.closedWithin(5_000), "the connection of a refused body is closed");
      }
      try (RawHttp slow = new RawHttp(collector.port())) {
        slow.send(RawHttp.head(V7, "Content-Type: application/json", "Content-Length: 640") + "{\"event\":");
        RawHttp.Answer answer = slow.read(10_000);
        assertEquals(408, answer.status(), answer.body());
        assertTrue(slow.closedWithin(5_000), "a request that does not arrive within the timeout ends its connection");
      }
    } finally {
      vertx.close().await();
    }
  }

  @ParameterizedTest
  @EnumSource(value = NetworkTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
  void http2StreamsOverTlsAreAllAnsweredOnOneConnection(NetworkTransport transport, TestKafka kafka,
                                                         @TempDir Path dir) {
    TestCertificates ca = new TestCertificates(dir, "test-ca");
    Path[] server = ca.issue("server", "CN=localhost");
    Vertx vertx = TransportVertx.on(transport);
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, Map.of(
        ConfigKeys.TLS_CERT_FILE.name(), server[0].toString(), ConfigKeys.TLS_KEY_FILE.name(), server[1].toString(),
        ConfigKeys.SERVER_HTTP2.name(), "true"))) {
      AtomicInteger connections = new AtomicInteger();
      HttpClientAgent client = vertx.httpClientBuilder()
          .with(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(collector.port()).setSsl(true)
              .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2).setVerifyHost(false)
              .setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())))
          .with(new PoolOptions().setHttp2MaxSize(1)).withConnectHandler(c -> connections.incrementAndGet()).build();
      List<Future<String>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(V7)
                .putHeader("Content-Type", "application/json"))
            .compose(request -> request.send(Buffer.buffer(event("h2-" + transport.key()).toString())))
            .compose(response -> response.version() == HttpVersion.HTTP_2 && response.statusCode() == 202
                ? Future.succeededFuture(response.getHeader("X-Request-Id"))
                : Future.failedFuture(response.version() + " " + response.statusCode())));
      }
      Set<String> answered = sent.stream().map(f -> f.await()).collect(Collectors.toSet());
      assertEquals(20, answered.size());
      assertEquals(1, connections.get(), "all 20 on one connection");
      assertEquals(answered, kafka.consume(collector.topicOf("fault"), 20, Duration.ofSeconds(30)).stream()
          .map(r -> new String(r.headers().lastHeader("ves-request-id").value(), StandardCharsets.UTF_8))
          .collect(Collectors.toSet()), "each 202 names a stored event");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void autoPicksTheFirstTransportThatRunsHere() {
    NetworkTransport expected = NetworkTransport.IO_URING.available() ? NetworkTransport.IO_URING
        : NetworkTransport.EPOLL.available() ? NetworkTransport.EPOLL : NetworkTransport.NIO;
    assertEquals(expected, NetworkTransport.AUTO.resolved());
    assertEquals(NetworkTransport.NIO, NetworkTransport.NIO.resolved());
    assertTrue(NetworkTransport.NIO.available());
  }

  @Test
  void anUnknownTransportIsAConfigurationErrorListingTheChoices() {
    ConfigException error = assertThrows(ConfigException.class, () -> CollectorConfig.from(new SettingsLoader()
        .load(null, Map.of(), Map.of(ConfigKeys.SERVER_TRANSPORT.name(), "kqueue",
            ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), "127.0.0.1:9092"))));
    assertEquals("server.transport: 'kqueue' is not one of [auto, io_uring, epoll, nio]", error.getMessage());
  }

  /** A fault event of its own sourceName, as the single-event endpoint takes it ({@code {"event": ...}}). */
  private static ObjectNode event(String name) {
    ObjectNode event = Samples.event("fault");
    Samples.header(event).put("sourceName", "nf-" + name);
    return event;
  }

  private static String sourceName(byte[] recordValue) {
    try {
      return Samples.JSON.readTree(recordValue).at("/event/commonEventHeader/sourceName").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
