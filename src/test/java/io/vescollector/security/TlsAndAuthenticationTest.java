package io.vescollector.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SecurityConfigReader;
import io.vescollector.config.SettingsLoader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the VES listener with Basic, client-certificate and certificate-or-Basic authentication,
 * per-principal source authorisation and certificate hot reload. Certificates are made by the test.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsAndAuthenticationTest {
  private static final String V7 = "/eventListener/v7";
  private Path dir;
  private TestCertificates ca;
  private TestCertificates otherCa;
  private Path[] server;
  private String aliceHash;
  private String bobHash;

  @BeforeAll
  void certificates(@TempDir Path tempDir) {
    dir = tempDir;
    ca = new TestCertificates(dir, "test-ca");
    otherCa = new TestCertificates(dir, "rogue-ca");
    server = ca.issue("server", "CN=localhost");
    aliceHash = BcryptHashes.hash("s3cret:with:colons".toCharArray());
    bobHash = BcryptHashes.hash("bobpw".toCharArray());
  }

  @Test
  void basicAuthenticationOverTls(Vertx vertx, TestKafka kafka) throws Exception {
    Map<String, String> cfg = tls("basic");
    cfg.put(ConfigKeys.AUTH_USERS + ".alice", aliceHash);
    cfg.put(ConfigKeys.AUTH_USERS + ".bob", bobHash);
    cfg.put(ConfigKeys.AUTH_SOURCES + ".bob", "pnf-.*|other-.*");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg)) {
      WebClient client = client(vertx, collector, null);
      HttpResponse<Buffer> ok = post(client, basic("alice", "s3cret:with:colons"));
      assertEquals(202, ok.statusCode(), ok.bodyAsString());
      ConsumerRecord<String, byte[]> record = kafka.consumeRequest(collector.topicOf("fault"),
          ok.getHeader("X-Request-Id"), 1, Duration.ofSeconds(20)).get(0);
      assertEquals("alice", Samples.JSON.readTree(record.value()).path("event").path("commonEventHeader")
          .path("internalHeaderFields").path("principal").asText());
      assertEquals(202, post(client, basic("alice", "s3cret:with:colons")).statusCode(), "again (remembered)");

      assertUnauthorized(post(client, basic("alice", "wrong")));
      assertUnauthorized(post(client, basic("mallory", "x")));
      assertUnauthorized(post(client, null));
      assertUnauthorized(post(client, "Basic !!!notbase64"));

      HttpResponse<Buffer> forbidden = post(client, basic("bob", "bobpw"));
      assertEquals(403, forbidden.statusCode(), "bob may only send pnf-* and other-* sources");
      assertTrue(forbidden.bodyAsString().contains("POL2000") && forbidden.bodyAsString().contains("gnb-cu-0012"),
          forbidden.bodyAsString());

      assertEquals(200, client.get("/health/live").send().await().statusCode(), "probes need no credentials");
      assertEquals(401, client.get("/metrics").send().await().statusCode(), "metrics on the VES port need them");
      assertEquals(200, client.get("/metrics").putHeader("Authorization", basic("alice", "s3cret:with:colons"))
          .send().await().statusCode());

      try (RawHttp plain = new RawHttp(collector.port())) {
        plain.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(plain.closedWithin(5_000), "plain HTTP on the TLS port gets no answer");
      }
      client.close();
    }
  }

  @Test
  void clientCertificates(Vertx vertx, TestKafka kafka) throws Exception {
    Map<String, String> cfg = tls("cert");
    cfg.put(ConfigKeys.AUTH_CERT_SUBJECT_PATTERN.name(), "CN=pnf-[0-9]+,O=Acme");
    // X500Name lists RDNs in encoding order; Java prints the DN (RFC 2253) in reverse, as openssl -subj /O=Acme/CN=pnf-7 would.
    Path[] pnf = ca.issue("pnf", "O=Acme,CN=pnf-7");
    Path[] intruder = ca.issue("intruder", "O=Acme,CN=intruder");
    Path[] rogue = otherCa.issue("rogue", "O=Acme,CN=pnf-8");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg)) {
      WebClient trusted = client(vertx, collector, pnf);
      HttpResponse<Buffer> ok = post(trusted, null);
      assertEquals(202, ok.statusCode(), ok.bodyAsString());
      ConsumerRecord<String, byte[]> record = kafka.consumeRequest(collector.topicOf("fault"),
          ok.getHeader("X-Request-Id"), 1, Duration.ofSeconds(20)).get(0);
      assertEquals("CN=pnf-7,O=Acme", Samples.JSON.readTree(record.value()).path("event").path("commonEventHeader")
          .path("internalHeaderFields").path("principal").asText());

      assertUnauthorized(post(client(vertx, collector, intruder), null));
      assertThrows(Exception.class, () -> post(client(vertx, collector, rogue), null), "untrusted: handshake fails");
      assertThrows(Exception.class, () -> post(client(vertx, collector, null), null), "no certificate: handshake fails");
    }
  }

  @Test
  void certificateOrBasic(Vertx vertx, TestKafka kafka) {
    Map<String, String> cfg = tls("certOrBasic");
    cfg.put(ConfigKeys.AUTH_USERS + ".alice", aliceHash);
    Path[] pnf = ca.issue("pnf2", "CN=pnf-2");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg)) {
      assertEquals(202, post(client(vertx, collector, pnf), null).statusCode(), "certificate alone");
      WebClient noCert = client(vertx, collector, null);
      assertEquals(202, post(noCert, basic("alice", "s3cret:with:colons")).statusCode(), "Basic alone");
      assertUnauthorized(post(noCert, null));
      assertUnauthorized(post(noCert, basic("alice", "nope")));
    }
  }

  @Test
  void renewedCertificateIsServedWithoutRestart(Vertx vertx, TestKafka kafka) throws Exception {
    Path[] renewable = ca.issue("renewable", "CN=localhost");
    Map<String, String> cfg = new HashMap<>();
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), renewable[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), renewable[1].toString());
    cfg.put(ConfigKeys.TLS_RELOAD_INTERVAL_MS.name(), "200");
    try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg)) {
      BigInteger before = ca.servedSerial(collector.port());
      ca.issue("renewable", "CN=localhost");
      BigInteger renewed = TestCertificates.serialOf(renewable[0]);
      assertNotEquals(before, renewed);
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
          assertEquals(renewed, ca.servedSerial(collector.port()), "a new handshake sees the renewed certificate"));
      assertEquals(200, client(vertx, collector, null).get("/health/live").send().await().statusCode());
    }
  }

  @Test
  void authenticationWithoutTlsOrUsersIsAConfigurationError() {
    SettingsLoader loader = new SettingsLoader();
    ConfigException noTls = assertThrows(ConfigException.class, () -> SecurityConfigReader.read(
        loader.load(null, Map.of(), Map.of(ConfigKeys.AUTH_METHOD.name(), "basic", ConfigKeys.AUTH_USERS + ".a", aliceHash))));
    assertTrue(noTls.getMessage().contains("requires TLS"), noTls.getMessage());
    Map<String, String> noUsers = tls("basic");
    ConfigException empty = assertThrows(ConfigException.class, () -> SecurityConfigReader.read(loader.load(null, Map.of(), noUsers)));
    assertTrue(empty.getMessage().contains("at least one user"), empty.getMessage());
    Map<String, String> plainPassword = tls("basic");
    plainPassword.put(ConfigKeys.AUTH_USERS + ".a", "hunter2");
    ConfigException notHash = assertThrows(ConfigException.class, () -> SecurityConfigReader.read(loader.load(null, Map.of(), plainPassword)));
    assertTrue(notHash.getMessage().contains("not a bcrypt hash") && !notHash.getMessage().contains("hunter2"), notHash.getMessage());
  }

  // --- helpers ---

  private Map<String, String> tls(String method) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), server[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), server[1].toString());
    cfg.put(ConfigKeys.TLS_TRUST_FILE.name(), ca.caFile().toString());
    cfg.put(ConfigKeys.AUTH_METHOD.name(), method);
    return cfg;
  }

  private WebClient client(Vertx vertx, CollectorHarness collector, Path[] clientCert) {
    WebClientOptions options = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(collector.port())
        .setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())).setVerifyHost(false);
    if (clientCert != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(clientCert[0].toString()).setKeyPath(clientCert[1].toString()));
    }
    return WebClient.create(vertx, options);
  }

  private static HttpResponse<Buffer> post(WebClient client, String authorization) {
    HttpRequest<Buffer> request = client.post(V7).putHeader("Content-Type", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.sendBuffer(Buffer.buffer(Samples.event("fault").toString())).await();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void assertUnauthorized(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("POL2000", response.bodyAsJsonObject().getJsonObject("requestError").getJsonObject("policyException")
        .getString("messageId"));
    assertTrue(response.getHeader("WWW-Authenticate").startsWith("Basic"));
  }
}
