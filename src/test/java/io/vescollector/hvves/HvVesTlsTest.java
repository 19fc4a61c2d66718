package io.vescollector.hvves;

import static io.vescollector.hvves.HvVesSamples.frame;
import static io.vescollector.hvves.HvVesSamples.perf3gppEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.SettingsLoader;
import io.vescollector.security.BcryptHashes;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HV-VES over TLS with the VES listener's certificate and rules: with {@code auth.method cert} a client
 * needs a certificate the trust file vouches for, whose subject {@code auth.certSubjectPattern} allows.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class HvVesTlsTest {

  @Test
  void onlyAClientWithAnAllowedCertificateIsRead(Vertx vertx, TestKafka kafka, @TempDir Path dir) {
    TestCertificates ca = new TestCertificates(dir, "hv-ca");
    Path[] server = ca.issue("server", "CN=localhost");
    Path[] allowed = ca.issue("pnf-1", "O=Acme,CN=pnf-1");
    Path[] other = ca.issue("other", "O=Elsewhere,CN=intruder");
    Map<String, String> tls = new HashMap<>(Map.of(
        ConfigKeys.TLS_CERT_FILE.name(), server[0].toString(),
        ConfigKeys.TLS_KEY_FILE.name(), server[1].toString(),
        ConfigKeys.TLS_TRUST_FILE.name(), ca.caFile().toString(),
        ConfigKeys.AUTH_METHOD.name(), "cert",
        ConfigKeys.AUTH_CERT_SUBJECT_PATTERN.name(), "CN=pnf-[0-9]+,O=Acme",
        ConfigKeys.ROUTING_REJECTED_TOPIC.name(), kafka.uniqueTopic("ves-rejected")));
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, tls)) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      String topic = HvVesCollectors.topic(collector, "perf3gpp");

      NetSocket good = connect(vertx, collector.hvVesPort(), ca.caFile(), allowed);
      good.write(Buffer.buffer(frame(perf3gppEvent(source, 1)))).await();
      HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, 1, Duration.ofSeconds(30));

      // a trusted certificate whose subject is not allowed: closed, counted, nothing read
      AtomicBoolean otherClosed = new AtomicBoolean();
      NetSocket intruder = connect(vertx, collector.hvVesPort(), ca.caFile(), other, otherClosed);
      intruder.write(Buffer.buffer(frame(perf3gppEvent(source, 2))));
      await().atMost(Duration.ofSeconds(10)).untilTrue(otherClosed);
      assertEquals(1, collector.registry().find("hvves_clients_rejected_cause").tag("cause", "certificate")
          .counter().count());

      // no certificate: the handshake fails, or the connection is closed right after it
      assertTrue(refusedOrClosed(vertx, collector.hvVesPort(), ca.caFile(), source), "a client without a certificate was read");

      good.write(Buffer.buffer(frame(perf3gppEvent(source, 3)))).await();
      List<Integer> stored = HvVesRecordReader.read(kafka.bootstrapServers(), topic, source, 2, Duration.ofSeconds(30))
          .stream().map(r -> HvVesRecordReader.header(r).getSequence()).sorted().toList();
      assertEquals(List.of(1, 3), stored);
      assertEquals(List.of(1, 3), HvVesRecordReader.readAll(kafka.bootstrapServers(), topic).stream()
          .map(r -> HvVesRecordReader.header(r)).filter(h -> h.getSourceName().equals(source))
          .map(h -> h.getSequence()).sorted().toList());

      // a frame it drops names the certificate's subject in its rejected-events copy
      good.write(Buffer.buffer(frame(HvVesSamples.event(HvVesSamples.header("fault", source, 4), 1)))).await();
      var copy = HvVesRecordReader.read(kafka.bootstrapServers(), collector.config().routing().rejectedTopic(),
          r -> true, 1, Duration.ofSeconds(30)).get(0);
      assertEquals("CN=pnf-1,O=Acme", new String(copy.headers().lastHeader("ves-principal").value(),
          StandardCharsets.UTF_8));
      good.close().await();
    }
  }

  @Test
  void withTlsAndNoAuthenticationAnyTlsClientIsRead(Vertx vertx, TestKafka kafka, @TempDir Path dir) {
    TestCertificates ca = new TestCertificates(dir, "hv-ca");
    Path[] server = ca.issue("server", "CN=localhost");
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of(
        ConfigKeys.TLS_CERT_FILE.name(), server[0].toString(),
        ConfigKeys.TLS_KEY_FILE.name(), server[1].toString()))) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      NetSocket socket = connect(vertx, collector.hvVesPort(), ca.caFile(), null);
      socket.write(Buffer.buffer(frame(perf3gppEvent(source, 1)))).await();
      HvVesRecordReader.read(kafka.bootstrapServers(), HvVesCollectors.topic(collector, "perf3gpp"), source, 1,
          Duration.ofSeconds(30));
      socket.close().await();
    }
  }

  @Test
  void aRenewedCertificateIsServedToNewConnectionsWithoutRestart(Vertx vertx, TestKafka kafka, @TempDir Path dir)
      throws Exception {
    TestCertificates ca = new TestCertificates(dir, "hv-ca");
    Path[] renewable = ca.issue("renewable", "CN=localhost");
    try (CollectorHarness collector = HvVesCollectors.start(vertx, kafka, Map.of(
        ConfigKeys.TLS_CERT_FILE.name(), renewable[0].toString(),
        ConfigKeys.TLS_KEY_FILE.name(), renewable[1].toString(),
        ConfigKeys.TLS_RELOAD_INTERVAL_MS.name(), "200"))) {
      String source = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
      NetSocket before = connect(vertx, collector.hvVesPort(), ca.caFile(), null);
      BigInteger first = ca.servedSerial(collector.hvVesPort());

      ca.issue("renewable", "CN=localhost");
      BigInteger renewed = TestCertificates.serialOf(renewable[0]);
      assertNotEquals(first, renewed);
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
          assertEquals(renewed, ca.servedSerial(collector.hvVesPort()), "a new handshake sees the renewed certificate"));

      // the connection made before the renewal keeps working, and so does a new one
      before.write(Buffer.buffer(frame(perf3gppEvent(source, 1)))).await();
      connect(vertx, collector.hvVesPort(), ca.caFile(), null).write(Buffer.buffer(frame(perf3gppEvent(source, 2)))).await();
      List<Integer> stored = HvVesRecordReader.read(kafka.bootstrapServers(), HvVesCollectors.topic(collector, "perf3gpp"),
          source, 2, Duration.ofSeconds(30)).stream().map(r -> HvVesRecordReader.header(r).getSequence()).sorted().toList();
      assertEquals(List.of(1, 2), stored);
    }
  }

  @Test
  void basicAuthenticationWithoutATrustFileIsRefusedAtStartUp(@TempDir Path dir) {
    TestCertificates ca = new TestCertificates(dir, "hv-ca");
    Path[] server = ca.issue("server", "CN=localhost");
    Map<String, String> settings = new HashMap<>(HvVesCollectors.overrides(Map.of()));
    settings.putAll(Map.of(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), "127.0.0.1:9",
        ConfigKeys.TLS_CERT_FILE.name(), server[0].toString(), ConfigKeys.TLS_KEY_FILE.name(), server[1].toString(),
        ConfigKeys.AUTH_METHOD.name(), "basic", ConfigKeys.AUTH_USERS + ".pnf-1", BcryptHashes.hash("pnf-1-pw".toCharArray())));
    ConfigException e = assertThrows(ConfigException.class,
        () -> CollectorConfig.from(new SettingsLoader().load(null, Map.of(), settings)));
    assertTrue(e.getMessage().contains("tls.trustFile"), e.getMessage());
  }

  /** The clients of the test: Vert.x closes a client, and its connections, once nothing refers to it. */
  private final List<NetClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(c -> c.close().await());
  }

  private NetSocket connect(Vertx vertx, int port, Path ca, Path[] clientCert) {
    return connect(vertx, port, ca, clientCert, new AtomicBoolean());
  }

  /** Connects; {@code closed} turns true when the connection closes (set on the socket's own event loop, so never missed). */
  private NetSocket connect(Vertx vertx, int port, Path ca, Path[] clientCert, AtomicBoolean closed) {
    NetClientOptions options = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
    if (clientCert != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(clientCert[0].toString())
          .setKeyPath(clientCert[1].toString()));
    }
    NetClient client = vertx.createNetClient(options);
    clients.add(client);
    return client.connect(port, "127.0.0.1").map(socket -> socket.closeHandler(v -> closed.set(true))).await();
  }

  private boolean refusedOrClosed(Vertx vertx, int port, Path ca, String source) {
    AtomicBoolean closed = new AtomicBoolean();
    NetSocket socket;
    try {
      socket = connect(vertx, port, ca, null, closed);
    } catch (RuntimeException handshakeFailed) {
      return true;
    }
    socket.write(Buffer.buffer(frame(perf3gppEvent(source, 4))));
    await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
    return true;
  }
}
