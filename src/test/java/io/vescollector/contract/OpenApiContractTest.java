package io.vescollector.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vescollector.Collector;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SettingsLoader;
import io.vescollector.security.BcryptHashes;
import io.vescollector.testkit.CollectorExtension;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.RawHttp;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The collector keeps the contract it serves at GET /openapi: every operation and every status the
 * document lists is produced by a real collector (real socket, real Kafka; TLS with Basic and client
 * certificates where authentication is needed, a dead broker for 503), and every answer's status,
 * required headers and body are validated against the document's own schemas. The last test fails
 * when the document lists an operation or status no test here produced, so the document cannot
 * drift from the code (run the class as a whole).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {
  private static final String STREAMING = "/StreamingDataReportingMnS/v1";
  private static final String PRODUCER = "SubNetwork=1,ManagedElement=pnf-1";
  private static final int MAX_BODY = 64 * 1024;
  /** The VES operations, as (single path, batch path) of the versions the document names. */
  private static final List<String> VES_PATHS = List.of("/eventListener/v7", "/eventListener/v7/eventBatch",
      "/eventListener/v5", "/eventListener/v5/eventBatch", "/eventListener/v4", "/eventListener/v4/eventBatch");
  @RegisterExtension
  static final CollectorExtension PLAIN = CollectorExtension.with(Map.of(
      ConfigKeys.SERVER_MAX_BODY_BYTES.name(), Integer.toString(MAX_BODY)));

  private final Vertx vertx = PLAIN.vertx();
  private final TestKafka kafka = PLAIN.kafka();
  private final CollectorHarness plain = PLAIN.harness();
  private OpenApiContract contract;
  private TestCertificates ca;
  private Path[] serverCert;
  private final Map<String, String> hashes = new HashMap<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    ca = new TestCertificates(dir, "contract-ca");
    serverCert = ca.issue("contract-server", "CN=localhost");
    for (String user : List.of("alice", "bob", "carol")) {
      hashes.put(user, BcryptHashes.hash((user + "-pw").toCharArray()));
    }
    HttpResponse<Buffer> served = plain.get("/openapi");
    assertEquals(200, served.statusCode());
    contract = new OpenApiContract(served.bodyAsJson(JsonNode.class));
    contract.check("GET", "/openapi", served);
  }

  @Test
  @Order(1)
  void theServedDocumentIsAWellFormedOpenApi31ContractInJsonAndYaml() throws Exception {
    JsonNode doc = contract.document();
    assertEquals("3.1.0", doc.path("openapi").asText());
    assertEquals("mutualTLS", doc.at("/components/securitySchemes/mutualTLS/type").asText());
    assertEquals("http", doc.at("/components/securitySchemes/basicAuth/type").asText());
    Set<String> operationIds = new TreeSet<>();
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    refs.forEach(ref -> assertTrue(ref.startsWith("#/") && !doc.at(ref.substring(1)).isMissingNode(), "dangling $ref " + ref));
    doc.path("paths").forEach(item -> item.fields().forEachRemaining(op -> {
      if (op.getValue().has("responses")) {
        String id = op.getValue().path("operationId").asText();
        assertTrue(!id.isEmpty() && operationIds.add(id), "operationId missing or repeated: " + id);
      }
    }));
    SchemaRegistry metaRegistry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    var metaSchema = metaRegistry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    doc.at("/components/schemas").fields().forEachRemaining(s -> {
      assertTrue(metaSchema.validate(s.getValue()).isEmpty(), s.getKey() + " is not a 2020-12 schema: "
          + metaSchema.validate(s.getValue()));
      contract.errors("/components/schemas/" + OpenApiContract.escape(s.getKey()), NullNode.instance); // compiles
    });

    assertThrows(AssertionFailedError.class, () -> contract.check("POST", "/eventListener/v7", 202,
        name -> name.equals("X-Request-Id") ? null : "1", new byte[0]), "the oracle refuses a 202 without X-Request-Id");
    assertThrows(AssertionFailedError.class, () -> contract.check("POST", "/eventListener/v7", 400,
        name -> name.equals("Content-Type") ? "application/json" : "1",
        "{\"requestError\":{\"serviceException\":{\"messageId\":\"SVC0002\"}}}".getBytes(StandardCharsets.UTF_8)),
        "the oracle refuses an error body without text and variables");
    assertThrows(AssertionFailedError.class, () -> contract.check("POST", "/eventListener/v7", 418, name -> null, new byte[0]),
        "the oracle refuses an undocumented status");

    for (String accept : List.of("application/yaml", "application/x-yaml", "text/yaml", "application/json;q=0.5, application/yaml")) {
      HttpResponse<Buffer> yaml = contract.check("GET", "/openapi",
          plain.client().get("/openapi").putHeader("Accept", accept).send().await());
      assertEquals("application/yaml", yaml.getHeader("Content-Type"), accept);
      assertEquals(doc, new YAMLMapper().readTree(yaml.bodyAsString()), "the YAML form is the same document");
    }
    HttpResponse<Buffer> json = contract.check("GET", "/openapi",
        plain.client().get("/openapi").putHeader("Accept", "application/json, application/yaml;q=0.9").send().await());
    assertEquals("application/json", json.getHeader("Content-Type"));
  }

  @Test
  @Order(2)
  void eventsAreAcceptedOnEveryServedVersionAndRefusedAsDocumented() {
    for (String path : VES_PATHS) {
      boolean batch = path.endsWith("/eventBatch");
      ObjectNode valid = valid(path);
      contract.assertValidRequest("POST", plainTemplate(path), valid);
      HttpResponse<Buffer> stored = ves(plain.client(), path, valid.toString(), null);
      assertEquals(202, stored.statusCode(), path + ": " + stored.bodyAsString());
      assertEquals(400, ves(plain.client(), path, "{\"event\": ", null).statusCode(), path + " malformed JSON");
      String invalid = batch ? "{\"eventList\":[{\"commonEventHeader\":{}}]}" : "{\"event\":{\"commonEventHeader\":{}}}";
      assertEquals(400, ves(plain.client(), path, invalid, null).statusCode(), path + " schema violation");
      if (batch) {
        assertEquals(400, ves(plain.client(), path, mixedDomains(path).toString(), null).statusCode(), path + " two domains");
      }
      assertEquals(400, contract.check("POST", path, plain.client().post(path).putHeader("Content-Type", "application/json")
          .putHeader("X-MinorVersion", "99").sendBuffer(Buffer.buffer(valid.toString())).await()).statusCode());
      assertEquals(415, contract.check("POST", path, plain.client().post(path).putHeader("Content-Type", "text/plain")
          .sendBuffer(Buffer.buffer(valid.toString())).await()).statusCode());
      assertEquals(413, ves(plain.client(), path, "{\"event\":\"" + "x".repeat(MAX_BODY) + "\"}", null).statusCode());
    }
    for (String version : List.of("v1", "v2", "v3")) {
      assertEquals(202, ves(plain.client(), "/eventListener/" + version, valid("/eventListener/v4").toString(), null).statusCode());
    }
    assertEquals(404, ves(plain.client(), "/eventListener/v6", valid("/eventListener/v7").toString(), null).statusCode());
    assertEquals(404, ves(plain.client(), "/eventListener/v6/eventBatch", valid("/eventListener/v7/eventBatch").toString(), null)
        .statusCode());
  }

  @Test
  @Order(3)
  void healthMetricsAndTheContractAreServed() {
    contract.check("GET", "/healthcheck", plain.get("/healthcheck"));
    contract.check("GET", "/health/live", plain.get("/health/live"));
    await().atMost(Duration.ofSeconds(20)).until(() -> plain.get("/health/ready").statusCode() == 200);
    contract.check("GET", "/health/ready", plain.get("/health/ready"));
    assertEquals(200, contract.check("GET", "/metrics", plain.get("/metrics")).statusCode());
  }

  @Test
  @Order(4)
  void streamingConnectionsAndStreamsAnswerAsDocumented() throws Exception {
    WebClient c = plain.client();
    String connections = STREAMING + "/connections";
    HttpResponse<Buffer> created = send(c, HttpMethod.POST, connections, connectionRequest(stream("s1")), null);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = ConnectionsId.of(created.getHeader("Location"));
    String connection = connections + "/" + id;
    assertEquals(400, send(c, HttpMethod.POST, connections, "[]", null).statusCode());
    assertEquals(404, send(c, HttpMethod.POST, "/StreamingDataReportingMnS/latest/connections", connectionRequest(), null).statusCode());

    assertEquals(200, send(c, HttpMethod.GET, connections, null, null).statusCode());
    assertEquals(202, send(c, HttpMethod.GET, connections + "?connectionIdList=" + id + ",unknown-1", null, null).statusCode());
    assertEquals(404, send(c, HttpMethod.GET, connections + "?connectionIdList=unknown-1", null, null).statusCode());

    assertEquals(200, send(c, HttpMethod.GET, connection, null, null).statusCode());
    assertEquals(404, send(c, HttpMethod.GET, connections + "/unknown-1", null, null).statusCode());
    try (RawHttp socket = new RawHttp(plain.port())) {
      RawHttp.Answer upgraded = socket.send("GET " + connection + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
          + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").read(10_000);
      contract.check("GET", connection, upgraded.status(), upgraded::header, new byte[0]);
      assertEquals(101, upgraded.status());
    }

    String streams = connection + "/streams";
    assertEquals(201, send(c, HttpMethod.POST, streams, "[" + stream("s2") + "]", null).statusCode());
    assertEquals(202, send(c, HttpMethod.POST, streams, "[" + stream("s3") + ",{\"streamId\":\"broken\"}]", null).statusCode());
    assertEquals(400, send(c, HttpMethod.POST, streams, "[]", null).statusCode());
    assertEquals(404, send(c, HttpMethod.POST, connections + "/unknown-1/streams", "[" + stream("s4") + "]", null).statusCode());

    assertEquals(200, send(c, HttpMethod.GET, streams + "?streamIds=s1,s2", null, null).statusCode());
    assertEquals(202, send(c, HttpMethod.GET, streams + "?streamIds=s1,nope", null, null).statusCode());
    assertEquals(400, send(c, HttpMethod.GET, streams, null, null).statusCode());
    assertEquals(404, send(c, HttpMethod.GET, streams + "?streamIds=nope", null, null).statusCode());

    assertEquals(200, send(c, HttpMethod.GET, streams + "/s1", null, null).statusCode());
    assertEquals(404, send(c, HttpMethod.GET, streams + "/nope", null, null).statusCode());

    assertEquals(400, send(c, HttpMethod.DELETE, streams, null, null).statusCode());
    assertEquals(404, send(c, HttpMethod.DELETE, streams + "?streamIds=s3,nope", null, null).statusCode());
    assertEquals(204, send(c, HttpMethod.DELETE, streams + "?streamIds=s3", null, null).statusCode());
  }

  @Test
  @Order(5)
  void withTlsAndAuthenticationCredentialsAreRequiredAndSourcesAndQuotasEnforced() {
    Path[] pnf = ca.issue("contract-pnf", "CN=pnf-1");
    try (CollectorHarness secured = startWithTls("certOrBasic", Map.of(
        ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "0",
        ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "0",
        ConfigKeys.AUTH_SOURCES + ".bob", "pnf-.*",
        ConfigKeys.STREAMING_MAX_CONNECTIONS.name(), "2",
        ConfigKeys.STREAMING_MAX_CONNECTIONS_PER_PRINCIPAL.name(), "1"))) {
      WebClient anonymous = tlsClient(secured, null);
      WebClient withCertificate = tlsClient(secured, pnf);
      for (String path : VES_PATHS) {
        assertEquals(401, ves(anonymous, path, valid(path).toString(), null).statusCode(), path);
        assertEquals(403, ves(anonymous, path, valid(path).toString(), basic("bob")).statusCode(), path + ": bob sends pnf-* only");
        assertEquals(202, ves(withCertificate, path, valid(path).toString(), null).statusCode(), path + " by client certificate");
      }
      assertEquals(202, ves(anonymous, "/eventListener/v7", valid("/eventListener/v7").toString(), basic("alice")).statusCode());
      assertEquals(401, send(anonymous, HttpMethod.GET, "/metrics", null, null).statusCode());
      assertEquals(200, send(anonymous, HttpMethod.GET, "/metrics", null, basic("alice")).statusCode());
      assertEquals(200, send(anonymous, HttpMethod.GET, "/openapi", null, null).statusCode(), "the contract needs no credentials");
      for (String[] op : streamingOperations()) {
        assertEquals(401, send(anonymous, HttpMethod.valueOf(op[0]), op[1], op[2], null).statusCode(), op[0] + " " + op[1]);
      }
      String connections = STREAMING + "/connections";
      assertEquals(201, send(anonymous, HttpMethod.POST, connections, connectionRequest(), basic("alice")).statusCode());
      assertEquals(403, send(anonymous, HttpMethod.POST, connections, connectionRequest(), basic("alice")).statusCode(),
          "one connection per principal");
      assertEquals(201, send(anonymous, HttpMethod.POST, connections, connectionRequest(), basic("bob")).statusCode());
      assertEquals(503, send(anonymous, HttpMethod.POST, connections, connectionRequest(), basic("carol")).statusCode(),
          "two connections for the fleet");
      anonymous.close();
      withCertificate.close();
    }
  }

  @Test
  @Order(6)
  void anAddressPastItsAuthenticationFailuresGets429OnEverySecuredOperation() {
    try (CollectorHarness throttled = startWithTls("basic", Map.of(
        ConfigKeys.AUTH_MAX_FAILURES_PER_ADDRESS.name(), "1",
        ConfigKeys.AUTH_FAILURE_WINDOW_SECONDS.name(), "300",
        ConfigKeys.AUTH_MAX_FAILURE_DELAY_MS.name(), "0"))) {
      WebClient client = tlsClient(throttled, null);
      assertEquals(401, ves(client, "/eventListener/v7", "{}", "Basic " + b64("alice:wrong")).statusCode());
      for (String path : VES_PATHS) {
        assertEquals(429, ves(client, path, valid(path).toString(), basic("alice")).statusCode(), path);
      }
      assertEquals(429, send(client, HttpMethod.GET, "/metrics", null, basic("alice")).statusCode());
      for (String[] op : streamingOperations()) {
        assertEquals(429, send(client, HttpMethod.valueOf(op[0]), op[1], op[2], basic("alice")).statusCode(), op[0] + " " + op[1]);
      }
      client.close();
    }
  }

  @Test
  @Order(7)
  void withoutKafkaEventsGet503WithRetryAfterAndReadinessIsDown() throws Exception {
    int deadPort;
    int managementPort;
    try (ServerSocket s = new ServerSocket(0); ServerSocket m = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
      managementPort = m.getLocalPort();
    }
    Collector collector = Collector.start(vertx, CollectorConfig.from(new SettingsLoader().load(null, Map.of(), Map.of(
        ConfigKeys.SERVER_PORT.name(), "0",
        ConfigKeys.SERVER_HOST.name(), "127.0.0.1",
        ConfigKeys.SERVER_RESPONSE_TIMEOUT_MS.name(), "1500",
        ConfigKeys.SERVER_MANAGEMENT_PORT.name(), Integer.toString(managementPort),
        ConfigKeys.STREAMING_ENABLED.name(), "false",
        ConfigKeys.KAFKA_TOPIC_CREATE.name(), "false", // no creation attempts for the close to wait out
        ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), "127.0.0.1:" + deadPort))));
    WebClient ves = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(collector.port()));
    WebClient management = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(managementPort));
    try {
      List<Future<HttpResponse<Buffer>>> answers = VES_PATHS.stream().map(path -> ves.post(path)
          .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(valid(path).toString()))).toList();
      for (int i = 0; i < VES_PATHS.size(); i++) {
        assertEquals(503, contract.check("POST", VES_PATHS.get(i), answers.get(i).await()).statusCode(), VES_PATHS.get(i));
      }
      assertEquals(503, contract.check("GET", "/health/ready", ves.get("/health/ready").send().await()).statusCode());
      HttpResponse<Buffer> detailed = contract.check("GET", "/health/ready", management.get("/health/ready").send().await());
      assertEquals(503, detailed.statusCode());
      assertTrue(detailed.bodyAsJsonObject().containsKey("reason") && detailed.bodyAsJsonObject().containsKey("inFlight"),
          "the management port says why");
      assertEquals(200, contract.check("GET", "/metrics", management.get("/metrics").send().await()).statusCode());
      assertEquals(200, contract.check("GET", "/openapi", management.get("/openapi").send().await()).statusCode());
    } finally {
      ves.close();
      management.close();
      collector.close();
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void everyDocumentedOperationAndStatusWasExercised() {
    Set<String> missing = new TreeSet<>(contract.documented());
    missing.removeAll(contract.exercised());
    assertEquals(Set.of(), missing, "documented but never produced by the collector in this test");
  }

  // --- requests ---

  /** POSTs a VES body and checks the answer against the contract. */
  private HttpResponse<Buffer> ves(WebClient client, String path, String body, String authorization) {
    return send(client, HttpMethod.POST, path, body, authorization);
  }

  private HttpResponse<Buffer> send(WebClient client, HttpMethod method, String pathAndQuery, String body, String authorization) {
    HttpRequest<Buffer> request = client.request(method, pathAndQuery);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    HttpResponse<Buffer> response = body == null ? request.send().await()
        : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
    return contract.check(method.name(), pathAndQuery.split("\\?")[0], response);
  }

  /** Every streaming operation, on a connection that need not exist (method, path, body). */
  private static List<String[]> streamingOperations() {
    String connection = STREAMING + "/connections/some-id";
    return List.of(
        new String[] {"POST", STREAMING + "/connections", connectionRequest()},
        new String[] {"GET", STREAMING + "/connections", null},
        new String[] {"GET", connection, null},
        new String[] {"POST", connection + "/streams", "[" + stream("s9") + "]"},
        new String[] {"GET", connection + "/streams?streamIds=s9", null},
        new String[] {"DELETE", connection + "/streams?streamIds=s9", null},
        new String[] {"GET", connection + "/streams/s9", null});
  }

  /** A valid body for a VES path (v7 and v5 from the samples; v1 to v4 written here against the 4.1 schema). */
  private static ObjectNode valid(String path) {
    ObjectNode event;
    if (path.startsWith("/eventListener/v7")) {
      event = (ObjectNode) Samples.event("fault").get("event");
    } else if (path.startsWith("/eventListener/v5")) {
      event = (ObjectNode) Samples.tree(Path.of("samples/v5/fault.json")).get("event");
    } else {
      event = v4Event("fault");
    }
    ObjectNode body = Samples.JSON.createObjectNode();
    if (path.endsWith("/eventBatch")) {
      body.putArray("eventList").add(event);
    } else {
      body.set("event", event);
    }
    return body;
  }

  private static ObjectNode mixedDomains(String path) {
    ObjectNode body = valid(path);
    ArrayNode list = (ArrayNode) body.get("eventList");
    ObjectNode other = list.get(0).deepCopy();
    ((ObjectNode) other.get("commonEventHeader")).put("domain", "heartbeat");
    other.remove("faultFields");
    list.add(other);
    return body;
  }

  private static ObjectNode v4Event(String domain) {
    ObjectNode event = Samples.JSON.createObjectNode();
    event.putObject("commonEventHeader").put("domain", domain).put("eventId", "fault-0001").put("functionalRole", "vnf")
        .put("lastEpochMicrosec", 1764169200000000L).put("priority", "High").put("reportingEntityName", "vnf-4")
        .put("sequence", 1).put("sourceName", "vnf-4").put("startEpochMicrosec", 1764169200000000L);
    event.putObject("faultFields").put("alarmCondition", "linkDown").put("eventSeverity", "MAJOR")
        .put("eventSourceType", "router").put("specificProblem", "link down").put("vfStatus", "Active");
    return event;
  }

  private static String stream(String id) {
    return "{\"streamType\":\"PERFORMANCE\",\"serializationFormat\":\"GPB\",\"streamId\":\"" + id + "\","
        + "\"additionalInfo\":{\"measObjDn\":\"ManagedElement=1\",\"performanceMetrics\":[\"DRB.UEThpDl\"],\"jobId\":\"j\"}}";
  }

  private static String connectionRequest(String... streams) {
    return "{\"producer\":\"" + PRODUCER + "\",\"streams\":[" + String.join(",", streams) + "]}";
  }

  /** The documented path of a concrete VES path (v4 is served through the {version} template). */
  private String plainTemplate(String path) {
    return contract.template(path);
  }

  private static final class ConnectionsId {
    static String of(String location) {
      return location.substring(location.lastIndexOf('/') + 1);
    }
  }

  // --- TLS and credentials ---

  /** A collector on TLS trusting the test CA, {@code method} authentication of the users, and {@code settings}. */
  private CollectorHarness startWithTls(String method, Map<String, String> settings) {
    Map<String, String> cfg = new HashMap<>(settings);
    cfg.put(ConfigKeys.TLS_CERT_FILE.name(), serverCert[0].toString());
    cfg.put(ConfigKeys.TLS_KEY_FILE.name(), serverCert[1].toString());
    cfg.put(ConfigKeys.TLS_TRUST_FILE.name(), ca.caFile().toString());
    cfg.put(ConfigKeys.AUTH_METHOD.name(), method);
    hashes.forEach((user, hash) -> cfg.put(ConfigKeys.AUTH_USERS + "." + user, hash));
    return CollectorHarness.start(vertx, kafka, cfg);
  }

  private WebClient tlsClient(CollectorHarness collector, Path[] clientCert) {
    WebClientOptions options = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(collector.port())
        .setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())).setVerifyHost(false);
    if (clientCert != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(clientCert[0].toString()).setKeyPath(clientCert[1].toString()));
    }
    return WebClient.create(vertx, options);
  }

  private static String basic(String user) {
    return "Basic " + b64(user + ":" + user + "-pw");
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        refs.add(ref.asText());
      }
    }
    node.forEach(child -> collectRefs(child, refs));
  }
}
