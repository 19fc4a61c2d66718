package io.vescollector.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.LogCapture;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code tls.engine}: OpenSSL (netty-tcnative's BoringSSL) where it loads, the JDK's otherwise, and either
 * on demand. Both engines serve the same listener: the same protocols, client-certificate rule and
 * principal, and both resume the session of a client that keeps it, so that a reconnecting network
 * function skips the full handshake.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsEngineTest {
  private TestCertificates ca;
  private Path[] server;
  private Path[] pnf;
  private Path[] rogue;

  @BeforeAll
  void certificates(@TempDir Path dir) {
    ca = new TestCertificates(dir, "engine-ca");
    server = ca.issue("server", "CN=localhost");
    pnf = ca.issue("pnf", "O=Acme,CN=pnf-3");
    rogue = new TestCertificates(dir, "rogue-ca").issue("rogue", "O=Acme,CN=pnf-4");
  }

  @Test
  void autoIsOpenSslWhereTheBundledLibraryLoads() {
    String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    Assumptions.assumeTrue(platform.toLowerCase(Locale.ROOT).matches("linux/(amd64|x86_64)"),
        "netty-tcnative is bundled for Linux x86-64 only; on " + platform + " auto is the JDK's engine");
    assertTrue(TlsEngine.openSslAvailable(), String.valueOf(TlsEngine.openSslUnavailableBecause()));
    assertEquals(TlsEngine.OPENSSL, TlsEngine.AUTO.resolved());
    assertEquals(TlsEngine.JDK, TlsEngine.JDK.resolved());
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
  void eitherEngineAuthenticatesClientCertificatesAndSaysWhichItIs(TlsEngine engine, Vertx vertx, TestKafka kafka)
      throws Exception {
    assumeAvailable(engine);
    try (LogCapture log = new LogCapture();
         CollectorHarness collector = CollectorHarness.start(vertx, kafka, settings(engine))) {
      HttpResponse<Buffer> ok = post(vertx, collector, pnf);
      assertEquals(202, ok.statusCode(), ok.bodyAsString());
      ConsumerRecord<String, byte[]> record = kafka.consumeRequest(collector.topicOf("fault"),
          ok.getHeader("X-Request-Id"), 1, Duration.ofSeconds(20)).get(0);
      assertEquals("CN=pnf-3,O=Acme", Samples.JSON.readTree(record.value()).path("event").path("commonEventHeader")
          .path("internalHeaderFields").path("principal").asText());
      assertThrows(Exception.class, () -> post(vertx, collector, rogue), "a certificate of another CA is refused");
      String expected = engine == TlsEngine.OPENSSL ? "TLS by OpenSSL" : "TLS by the JDK's engine";
      assertTrue(log.lines().stream().anyMatch(l -> l.contains("listening on https://") && l.contains(expected)),
          "the start-up line names the engine: " + log.lines());
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
  void aClientThatKeepsItsSessionResumesIt(TlsEngine engine, Vertx vertx, TestKafka kafka) throws Exception {
    assumeAvailable(engine);
    Map<String, String> settings = settings(engine);
    settings.put(ConfigKeys.AUTH_METHOD.name(), "none");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, settings)) {
      SSLContext client = clientContext();
      byte[] first = sessionId(client, collector.port());
      byte[] second = sessionId(client, collector.port());
      assertTrue(first.length > 0, "TLS 1.2 names its session");
      assertArrayEquals(first, second, "the second connection resumed the first one's session");
      byte[] fresh = sessionId(clientContext(), collector.port());
      assertFalse(Arrays.equals(first, fresh), "a client without the session gets a new one");
    }
  }

  private static void assumeAvailable(TlsEngine engine) {
    Assumptions.assumeTrue(engine != TlsEngine.OPENSSL || TlsEngine.openSslAvailable(),
        "OpenSSL does not load here (" + TlsEngine.openSslUnavailableBecause() + "): only the JDK's engine is tried");
  }

  private Map<String, String> settings(TlsEngine engine) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), server[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), server[1].toString());
    cfg.put(ConfigKeys.TLS_TRUST_FILE.name(), ca.caFile().toString());
    cfg.put(ConfigKeys.TLS_ENGINE.name(), engine.key());
    cfg.put(ConfigKeys.AUTH_METHOD.name(), "cert");
    cfg.put(ConfigKeys.AUTH_CERT_SUBJECT_PATTERN.name(), "CN=pnf-[0-9]+,O=Acme");
    return cfg;
  }

  private HttpResponse<Buffer> post(Vertx vertx, CollectorHarness collector, Path[] clientCert) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(collector.port()).setSsl(true).setVerifyHost(false)
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString()))
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(clientCert[0].toString())
            .setKeyPath(clientCert[1].toString())));
    try {
      return client.post("/eventListener/v7").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(Samples.event("fault").toString())).await();
    } finally {
      client.close();
    }
  }

  /** A JDK client trusting the test CA; its session cache is what lets it resume. */
  private SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (FileInputStream in = new FileInputStream(ca.caFile().toFile())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.2");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** Connects with TLS 1.2, where a resumed session keeps its id, and returns the id. */
  private static byte[] sessionId(SSLContext context, int port) throws Exception {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      return socket.getSession().getId();
    }
  }
}
