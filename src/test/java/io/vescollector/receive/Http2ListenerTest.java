package io.vescollector.receive;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SettingsLoader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RequestHeadCounter;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on the TLS listener ({@code server.http2}): offered through ALPN beside HTTP/1.1, many requests at
 * once on one connection, each with the answers, bounds and deadlines an HTTP/1.1 request gets; a refused or
 * late request ends its own stream and the connection goes on.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Http2ListenerTest {
  private static final String V7 = "/eventListener/v7";
  private TestCertificates ca;
  private Path[] server;

  @BeforeAll
  void certificates(@TempDir Path dir) {
    ca = new TestCertificates(dir, "test-ca");
    server = ca.issue("server", "CN=localhost");
  }

  @Test
  void manyEventsAtOnceOnOneConnectionAreAllStored(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka,
        http2(ConfigKeys.SERVER_HTTP2_MAX_CONCURRENT_STREAMS.name(), "8"))) {
      Client client = new Client(vertx, collector, HttpVersion.HTTP_2);
      List<Future<Answer>> sent = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        sent.add(client.post(event(i)));
      }
      List<Answer> answers = sent.stream().map(f -> f.await()).toList();
      answers.forEach(a -> assertEquals(202, a.status(), a.body()));
      answers.forEach(a -> assertEquals(HttpVersion.HTTP_2, a.version()));
      assertEquals(1, client.opened.get(), "all 40 on one connection");
      assertEquals(8L, client.connection.remoteSettings().getLongOrDefault(Http2Settings.MAX_CONCURRENT_STREAMS),
          "the stream bound is advertised");

      List<ConsumerRecord<String, byte[]>> stored = kafka.consume(collector.topicOf("fault"), 40, Duration.ofSeconds(30));
      assertEquals(answers.stream().map(Answer::requestId).collect(Collectors.toSet()), stored.stream()
          .map(r -> new String(r.headers().lastHeader("ves-request-id").value(), StandardCharsets.UTF_8))
          .collect(Collectors.toSet()), "each 202 names a stored event");
      assertEquals(0, client.closed.get());
    }
  }

  @Test
  void refusedAndLateRequestsEndOnlyTheirStreams(Vertx vertx, TestKafka kafka) {
    Map<String, String> cfg = http2(ConfigKeys.SERVER_MAX_BODY_BYTES.name(), "2000");
    cfg.put(ConfigKeys.SERVER_REQUEST_TIMEOUT_MS.name(), "1500");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg)) {
      Client client = new Client(vertx, collector, HttpVersion.HTTP_2);
      assertEquals(202, client.post(event(0)).await().status());

      Answer tooLarge = client.post("{\"event\":\"" + "x".repeat(50_000) + "\"}").await();
      assertEquals(413, tooLarge.status(), tooLarge.body());
      assertTrue(tooLarge.body().contains("POL9003"), tooLarge.body());
      Answer invalid = client.post("{\"event\":{}}").await();
      assertEquals(400, invalid.status(), invalid.body());
      assertEquals(HttpVersion.HTTP_2, invalid.version());

      byte[] body = event(1).getBytes(StandardCharsets.UTF_8);
      HttpClientRequest slow = client.agent.request(client.postOptions()).await();
      AtomicLong resetCode = new AtomicLong(-1);
      slow.exceptionHandler(e -> {
        if (e instanceof StreamResetException reset) {
          resetCode.set(reset.getCode());
        }
      });
      slow.putHeader("Content-Length", Integer.toString(body.length));
      slow.write(Buffer.buffer(body).slice(0, 100)).await(); // and the rest never comes
      long started = System.nanoTime();
      assertEquals(202, client.post(event(2)).await().status(), "another stream meanwhile");
      HttpClientResponse late = slow.response().await();
      assertEquals(408, late.statusCode());
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(waitedMs >= 1_000 && waitedMs < 10_000, "answered after the request timeout: " + waitedMs + " ms");
      await().atMost(Duration.ofSeconds(5)).until(() -> resetCode.get() == 0);

      // More than a second after the 413, and just after the 408: the connection is still the first one.
      Answer after = client.post(event(3)).await();
      assertEquals(202, after.status(), after.body());
      assertEquals(1, client.opened.get(), "the same connection served every request");
      assertEquals(0, client.closed.get());
    }
  }

  @Test
  void aConnectionBeyondTheAddressBoundIsAnswered503AndClosed(Vertx vertx, TestKafka kafka) {
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka,
        http2(ConfigKeys.SERVER_MAX_CONNECTIONS_PER_ADDRESS.name(), "1"))) {
      Client first = new Client(vertx, collector, HttpVersion.HTTP_2);
      assertEquals(202, first.post(event(0)).await().status());
      Client second = new Client(vertx, collector, HttpVersion.HTTP_2);
      Answer refused = second.post(event(1)).await();
      assertEquals(503, refused.status(), refused.body());
      assertTrue(refused.body().contains("SVC1000") && refused.body().contains("from one address"), refused.body());
      await().atMost(Duration.ofSeconds(10)).until(() -> second.closed.get() == 1);
      assertEquals(202, first.post(event(2)).await().status(), "the counted connection is untouched");
    }
  }

  @Test
  void http2IsOfferedOnlyWhenConfiguredAndSurvivesACertificateRenewal(Vertx vertx, TestKafka kafka) throws Exception {
    Path[] renewable = ca.issue("renewable", "CN=localhost");
    Map<String, String> cfg = http2(ConfigKeys.TLS_RELOAD_INTERVAL_MS.name(), "200");
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), renewable[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), renewable[1].toString());
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg)) {
      Answer http1 = new Client(vertx, collector, HttpVersion.HTTP_1_1).post(event(0)).await();
      assertEquals(202, http1.status(), http1.body());
      assertEquals(HttpVersion.HTTP_1_1, http1.version(), "a client that offers HTTP/1.1 only gets it");

      BigInteger before = ca.servedSerial(collector.port());
      ca.issue("renewable", "CN=localhost");
      BigInteger renewed = TestCertificates.serialOf(renewable[0]);
      assertNotEquals(before, renewed);
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .until(() -> renewed.equals(ca.servedSerial(collector.port())));
      Answer afterReload = new Client(vertx, collector, HttpVersion.HTTP_2).post(event(1)).await();
      assertEquals(202, afterReload.status(), afterReload.body());
      assertEquals(HttpVersion.HTTP_2, afterReload.version(), "the reloaded listener still offers HTTP/2");
    }
    Map<String, String> plainTls = http2(ConfigKeys.SERVER_HTTP2.name(), "false");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, plainTls)) {
      Answer answer = new Client(vertx, collector, HttpVersion.HTTP_2).post(event(2)).await();
      assertEquals(202, answer.status(), answer.body());
      assertEquals(HttpVersion.HTTP_1_1, answer.version(), "without server.http2 ALPN offers HTTP/1.1 only");
    }
  }

  @Test
  void closingLetsAStreamStillArrivingFinishWith202AndItsEventStored(TestKafka kafka) throws Exception {
    RequestHeadCounter heads = new RequestHeadCounter();
    Vertx vertx = heads.vertx();
    try {
      CollectorHarness collector = CollectorHarness.start(vertx, kafka, http2(ConfigKeys.SERVER_HTTP2.name(), "true"));
      Client client = new Client(vertx, collector, HttpVersion.HTTP_2);
      assertEquals(202, client.post(event(0)).await().status(), "topic created");
      int headsBefore = heads.begun();
      byte[] body = event(1).getBytes(StandardCharsets.UTF_8);
      HttpClientRequest inFlight = client.agent.request(client.postOptions()).await();
      inFlight.putHeader("Content-Length", Integer.toString(body.length));
      inFlight.write(Buffer.buffer(body).slice(0, body.length / 2)).await();
      await("the server reads the stream's headers").atMost(Duration.ofSeconds(10))
          .until(() -> heads.begun() > headsBefore);

      CompletableFuture<Void> closing = CompletableFuture.runAsync(collector::close);
      await("the collector tells the client to open no more streams").atMost(Duration.ofSeconds(10))
          .until(() -> client.goAway.get() > 0);
      assertFalse(closing.isDone(), "close waits for the stream in flight");
      inFlight.end(Buffer.buffer(body).slice(body.length / 2, body.length)).await();
      HttpClientResponse answer = inFlight.response().await();
      assertEquals(202, answer.statusCode());
      closing.get(30, TimeUnit.SECONDS);
      assertEquals(1, kafka.consumeRequest(collector.topicOf("fault"), answer.getHeader("X-Request-Id"), 1,
          Duration.ofSeconds(20)).size());
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void http2WithoutTlsIsAConfigurationError() {
    ConfigException error = assertThrows(ConfigException.class, () -> CollectorConfig.from(new SettingsLoader()
        .load(null, Map.of(), Map.of(ConfigKeys.SERVER_HTTP2.name(), "true",
            ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), "127.0.0.1:9092"))));
    assertTrue(error.getMessage().contains("server.http2 true needs TLS") && error.getMessage().contains("h2c"),
        error.getMessage());
  }

  // --- helpers ---

  /** TLS with server.http2 on, and one more setting. */
  private Map<String, String> http2(String key, String value) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), server[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), server[1].toString());
    cfg.put(ConfigKeys.SERVER_HTTP2.name(), "true");
    cfg.put(key, value);
    return cfg;
  }

  /** A fault event of its own sourceName. */
  private static String event(int n) {
    ObjectNode event = Samples.event("fault");
    Samples.header(event).put("sourceName", "h2-pnf-" + n);
    return event.toString();
  }

  private record Answer(int status, HttpVersion version, String requestId, String body) {}

  /**
   * A client that keeps one connection and offers {@code version} first through ALPN, counting the connections
   * it opened and saw closed.
   */
  private final class Client {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger goAway = new AtomicInteger();
    final HttpClientAgent agent;
    volatile HttpConnection connection;

    Client(Vertx vertx, CollectorHarness collector, HttpVersion version) {
      HttpClientOptions options = new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(collector.port())
          .setSsl(true).setUseAlpn(true).setProtocolVersion(version).setVerifyHost(false)
          .setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString()));
      agent = vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp2MaxSize(1).setHttp1MaxSize(1))
          .withConnectHandler(c -> {
            connection = c;
            opened.incrementAndGet();
            c.closeHandler(v -> closed.incrementAndGet());
            c.goAwayHandler(frame -> goAway.incrementAndGet());
          }).build();
    }

    RequestOptions postOptions() {
      return new RequestOptions().setMethod(HttpMethod.POST).setURI(V7).putHeader("Content-Type", "application/json");
    }

    Future<Answer> post(String body) {
      return agent.request(postOptions())
          .compose(request -> request.send(Buffer.buffer(body)))
          .compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.version(),
              response.getHeader("X-Request-Id"), b.toString())));
    }
  }
}
