package io.vescollector.streaming;

import static io.vescollector.streaming.StreamingSamples.BASE;
import static io.vescollector.streaming.StreamingSamples.request;
import static io.vescollector.streaming.StreamingSamples.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.config.ConfigKeys;
import io.vescollector.security.BcryptHashes;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming connection belongs to the principal that established it: another principal can neither
 * see it, change it nor open its WebSocket (to it, the connection does not exist), while the admin
 * principal sees and manages every one. Connections and streams are bounded per principal and per
 * connection.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingOwnershipTest {
  private static final int PER_PRINCIPAL = 3;
  private static final int STREAMS = 2;

  private TestCertificates ca;
  private CollectorHarness collector;
  private WebClient client;
  private Vertx vertx;

  @BeforeAll
  void start(Vertx vertx, TestKafka kafka, @TempDir Path dir) {
    this.vertx = vertx;
    ca = new TestCertificates(dir, "test-ca");
    Path[] server = ca.issue("server", "CN=localhost");
    Map<String, String> cfg = new HashMap<>();
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), server[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), server[1].toString());
    cfg.put(ConfigKeys.AUTH_METHOD.name(), "basic");
    for (String user : List.of("alice", "bob", "carol", "ops")) {
      cfg.put(ConfigKeys.AUTH_USERS + "." + user, BcryptHashes.hash((user + "-pw").toCharArray()));
    }
    cfg.put(ConfigKeys.STREAMING_ADMIN_PRINCIPAL.name(), "ops");
    cfg.put(ConfigKeys.STREAMING_MAX_CONNECTIONS_PER_PRINCIPAL.name(), Integer.toString(PER_PRINCIPAL));
    cfg.put(ConfigKeys.STREAMING_MAX_STREAMS_PER_CONNECTION.name(), Integer.toString(STREAMS));
    collector = CollectorHarness.start(vertx, kafka, cfg);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(collector.port())
        .setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())).setVerifyHost(false));
  }

  @AfterAll
  void stop() {
    client.close();
    collector.close();
  }

  @Test
  void anotherPrincipalCannotSeeChangeOrOpenAConnection() {
    String location = establish("alice", trace("T-" + UUID.randomUUID()));
    String path = location.substring(location.indexOf(BASE));
    String streamId = "T-" + UUID.randomUUID();

    assertEquals(404, send("bob", HttpMethod.GET, path, null).statusCode());
    assertEquals(404, send("bob", HttpMethod.GET, path + "/streams?streamIds=x", null).statusCode());
    assertEquals(404, send("bob", HttpMethod.POST, path + "/streams", new JsonArray().add(trace(streamId))).statusCode());
    assertEquals(404, send("bob", HttpMethod.DELETE, path + "/streams?streamIds=" + streamId, null).statusCode());
    assertFalse(listed("bob").contains(location), "bob's list shows alice's connection");
    assertFalse(send("bob", HttpMethod.GET, BASE + "/connections?connectionIdList=" + location, null).bodyAsString()
        .contains(location), "bob found alice's connection by its id");
    UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class,
        assertThrows(Throwable.class, () -> openWebSocket("bob", location)));
    assertEquals(404, rejected.getStatus());

    assertEquals(200, send("alice", HttpMethod.GET, path, null).statusCode());
    assertEquals(201, send("alice", HttpMethod.POST, path + "/streams", new JsonArray().add(trace(streamId))).statusCode());
    assertTrue(listed("alice").contains(location));
    openWebSocket("alice", location);
  }

  @Test
  void theAdminPrincipalSeesAndManagesEveryConnection() {
    String location = establish("carol", trace("T-" + UUID.randomUUID()));
    String path = location.substring(location.indexOf(BASE));
    assertTrue(listed("ops").contains(location));
    assertEquals(200, send("ops", HttpMethod.GET, path, null).statusCode());
    String streamId = "T-" + UUID.randomUUID();
    assertEquals(201, send("ops", HttpMethod.POST, path + "/streams", new JsonArray().add(trace(streamId))).statusCode());
    assertEquals(204, send("ops", HttpMethod.DELETE, path + "/streams?streamIds=" + streamId, null).statusCode());
  }

  @Test
  void aPrincipalHoldsABoundedNumberOfConnections() {
    String user = "bob";
    int held = new JsonArray(send(user, HttpMethod.GET, BASE + "/connections", null).bodyAsString()).size();
    for (int i = held; i < PER_PRINCIPAL; i++) {
      establish(user, trace("T-" + UUID.randomUUID()));
    }
    HttpResponse<Buffer> refused = send(user, HttpMethod.POST, BASE + "/connections", request(trace("T-" + UUID.randomUUID())));
    assertEquals(403, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains("streaming.maxConnectionsPerPrincipal"), refused.bodyAsString());
    assertEquals(201, send("ops", HttpMethod.POST, BASE + "/connections", request(trace("T-" + UUID.randomUUID())))
        .statusCode(), "the admin principal is not bound");
  }

  @Test
  void aConnectionHoldsABoundedNumberOfStreams() {
    JsonObject[] tooMany = new JsonObject[STREAMS + 1];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = trace("T-" + UUID.randomUUID());
    }
    HttpResponse<Buffer> refused = send("carol", HttpMethod.POST, BASE + "/connections", request(tooMany));
    assertEquals(400, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains("streaming.maxStreamsPerConnection"), refused.bodyAsString());

    String path = establish("carol", tooMany[0]);
    path = path.substring(path.indexOf(BASE));
    HttpResponse<Buffer> partly = send("carol", HttpMethod.POST, path + "/streams",
        new JsonArray().add(tooMany[1]).add(tooMany[2]));
    assertEquals(202, partly.statusCode(), "one added, one refused: " + partly.bodyAsString());
    assertEquals(1, new JsonArray(partly.bodyAsString()).size());
  }

  private String establish(String user, JsonObject... streams) {
    HttpResponse<Buffer> r = send(user, HttpMethod.POST, BASE + "/connections", request(streams));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.getHeader("Location");
  }

  private String listed(String user) {
    HttpResponse<Buffer> r = send(user, HttpMethod.GET, BASE + "/connections", null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsString();
  }

  private HttpResponse<Buffer> send(String user, HttpMethod method, String path, Object json) {
    var request = client.request(method, path).putHeader("Authorization", basic(user));
    return json == null ? request.send().await()
        : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json.toString())).await();
  }

  private void openWebSocket(String user, String location) {
    WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())).setVerifyHost(false));
    try {
      sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws"))
          .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", basic(user)))).await().close().await();
    } finally {
      sockets.close().await();
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
  }
}
