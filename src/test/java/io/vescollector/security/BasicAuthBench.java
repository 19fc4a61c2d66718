package io.vescollector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vescollector.config.ConfigKeys;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vescollector.testkit.TestKafka;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the Basic authentication tests share: a CA and server certificate, its users, a TLS + Basic configuration,
 * requests over TLS from a chosen loopback address (127.0.0.x are all this host's), and readers of the
 * authentication metrics, which show what the collector did without timing it. A test class registers one; its
 * certificates and the users' hashes are made before the class's first test, and the certificates' directory is
 * removed after its last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BasicAuthBench bench = BasicAuthBench.withUsers(Map.of("alice", "alice-pw"));
 * }</pre>
 *
 * <p>Single requests go over a JDK TLS socket bound to the local address: Vert.x 5.1's HTTP client
 * ignores {@code setLocalAddress} (its NetClient honours it). Requests sent together go through a
 * Vert.x WebClient, from 127.0.0.1.
 */
final class BasicAuthBench implements BeforeAllCallback, AfterAllCallback {
  static final String V7 = "/eventListener/v7";
  private final Map<String, String> passwords;
  private Tls tls;
  private Map<String, String> users;

  private BasicAuthBench(Map<String, String> passwords) {
    this.passwords = passwords;
  }

  /** A bench whose collectors have these users (name to password). */
  static BasicAuthBench withUsers(Map<String, String> passwords) {
    return new BasicAuthBench(passwords);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    tls = Tls.create(Files.createTempDirectory("basic-auth-bench"));
    Map<String, String> hashes = new HashMap<>();
    passwords.forEach((user, password) -> hashes.put(user, BcryptHashes.hash(password.toCharArray())));
    users = Map.copyOf(hashes);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (tls == null) {
      return;
    }
    Path dir = tls.dir();
    tls = null;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  /** The users' bcrypt hashes, by name. */
  Map<String, String> users() {
    return users;
  }

  /** A collector on TLS with Basic for the bench's users, and the given auth.* settings. */
  CollectorHarness start(Vertx vertx, TestKafka kafka, Map<String, String> auth) {
    return CollectorHarness.start(vertx, kafka, config(users, auth));
  }

  /** TLS with Basic for {@code users} (name to hash), and the given auth.* settings. */
  Map<String, String> config(Map<String, String> users, Map<String, String> auth) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), tls.cert().toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), tls.key().toString());
    cfg.put(ConfigKeys.AUTH_METHOD.name(), "basic");
    users.forEach((user, hash) -> cfg.put(ConfigKeys.AUTH_USERS + "." + user, hash));
    cfg.putAll(auth);
    return cfg;
  }

  /** One POST of a fault event from {@code localAddress} (e.g. 127.0.0.2) on a new connection. */
  RawHttp.Answer post(CollectorHarness collector, String localAddress, String authorization) {
    byte[] body = Samples.event("fault").toString().getBytes(StandardCharsets.UTF_8);
    String head = RawHttp.head(V7, "Content-Type: application/json", "Content-Length: " + body.length,
        "Connection: close", authorization == null ? "X-No-Credentials: 1" : "Authorization: " + authorization);
    try (RawHttp http = new RawHttp(tls.sockets().createSocket(InetAddress.getByName("127.0.0.1"), collector.port(),
        InetAddress.getByName(localAddress), 0))) {
      http.send(head).send(body);
      return http.read(30_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TLS connection from {@code localAddress} to the collector, for several requests in a row. */
  RawHttp connect(CollectorHarness collector, String localAddress) {
    try {
      return new RawHttp(tls.sockets().createSocket(InetAddress.getByName("127.0.0.1"), collector.port(),
          InetAddress.getByName(localAddress), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends every request at once (a Vert.x WebClient over up to five connections from 127.0.0.1). */
  List<RawHttp.Answer> sendAll(Vertx vertx, CollectorHarness collector, List<String> authorizations) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(collector.port()).setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(tls.ca().caFile().toString())).setVerifyHost(false));
    try {
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (String authorization : authorizations) {
        sent.add(client.post(V7).putHeader("Content-Type", "application/json")
            .putHeader("Authorization", authorization)
            .sendBuffer(Buffer.buffer(Samples.event("fault").toString())));
      }
      Future.all(sent).await();
      return sent.stream().map(Future::result).map(BasicAuthBench::answer).toList();
    } finally {
      client.close();
    }
  }

  private static RawHttp.Answer answer(HttpResponse<Buffer> response) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.statusCode()).append(" x\r\n");
    response.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
    return new RawHttp.Answer(response.statusCode(), head.toString(), response.bodyAsString() == null ? ""
        : response.bodyAsString());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String basicBytes(byte[] userColonPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userColonPassword);
  }

  /** bcrypt checks the collector has run. */
  static double bcryptChecks(MeterRegistry registry) {
    return registry.get("ves_auth_bcrypt_checks").counter().count();
  }

  /** Requests answered with this outcome. */
  static double outcomes(MeterRegistry registry, AuthOutcome outcome) {
    Counter c = registry.get("ves_authentications").tag("outcome", outcome.outcome()).tag("reason", outcome.reason())
        .counter();
    return c.count();
  }

  /** Failure answers held back, and for how long in all. */
  static Timer failureDelays(MeterRegistry registry) {
    return registry.get("ves_auth_failure_delay").timer();
  }

  /** Asserts a VES error answer: status and messageId (and WWW-Authenticate on 401). */
  static void assertAnswer(int status, String messageId, RawHttp.Answer answer) {
    assertEquals(status, answer.status(), answer.body());
    JsonObject error = new JsonObject(answer.body()).getJsonObject("requestError");
    JsonObject exception = error.containsKey("policyException") ? error.getJsonObject("policyException")
        : error.getJsonObject("serviceException");
    assertEquals(messageId, exception.getString("messageId"), answer.body());
    if (status == 401) {
      assertEquals("Basic realm=\"VES collector\"", answer.header("WWW-Authenticate"));
    }
  }

  static String statuses(List<RawHttp.Answer> answers) {
    return answers.stream().map(a -> Integer.toString(a.status())).toList().toString();
  }

  /** The certificates in {@code dir}, and sockets that trust their CA. */
  private record Tls(Path dir, TestCertificates ca, Path cert, Path key, SSLSocketFactory sockets) {
    static Tls create(Path dir) {
      TestCertificates ca = new TestCertificates(dir, "basic-ca");
      Path[] server = ca.issue("basic-server", "CN=localhost");
      try (FileInputStream caPem = new FileInputStream(ca.caFile().toFile())) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(caPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return new Tls(dir, ca, server[0], server[1], context.getSocketFactory());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
