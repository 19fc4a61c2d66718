package io.vescollector.metrics;

import static io.vescollector.streaming.StreamingSamples.BASE;
import static io.vescollector.streaming.StreamingSamples.request;
import static io.vescollector.streaming.StreamingSamples.trace;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vescollector.config.ConfigKeys;
import io.vescollector.security.BcryptHashes;
import io.vescollector.streaming.pm.gpb.StreamUnitHeader;
import io.vescollector.testkit.CollectorHarness;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.PrometheusText;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the Prometheus alert rules in deploy/ query only metrics a collector exposes:
 * a collector built as {@code serve} builds it (Vert.x and JVM metrics, TLS and Basic authentication so the
 * authentication meters exist) gets some traffic of every kind, and every metric name in the dashboard's
 * and the rules' PromQL must be in its /metrics. A metric renamed in code breaks this test, not a dashboard.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DashboardAndAlertsMetricsTest {
  static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/ves-collector.json");
  static final Path RULES = Path.of("deploy/prometheus/ves-collector-rules.yaml");
  private static final String USER = "nf";
  private static final String PASSWORD = "nf-pw";

  @Test
  void everyMetricTheDashboardAndTheAlertRulesQueryIsExposed(TestKafka kafka, @TempDir Path dir) throws Exception {
    Set<String> exposed = exposedAfterTraffic(kafka, dir);
    Map<String, Set<String>> queried = new TreeMap<>();
    dashboardExpressions().forEach(e -> queried.put("dashboard: " + e, metricNames(e)));
    ruleExpressions().forEach(e -> queried.put("rules: " + e, metricNames(e)));
    assertTrue(queried.size() > 20, "expressions found: " + queried.keySet());
    List<String> missing = new ArrayList<>();
    queried.forEach((where, names) -> names.stream().filter(n -> !exposed.contains(n))
        .forEach(n -> missing.add(n + "  (" + where + ")")));
    assertTrue(missing.isEmpty(), "queried but not exposed:\n" + String.join("\n", missing));
  }

  @Test
  void metricNamesAreReadOutOfPromQl() {
    assertEquals(Set.of("ves_publish_latency_seconds_bucket"), metricNames(
        "histogram_quantile(0.99, sum by (le, instance) (rate(ves_publish_latency_seconds_bucket{job=~\"$job\","
            + "outcome=\"ok\"}[$__rate_interval])))"));
    assertEquals(Set.of("ves_inflight_events", "ves_inflight_events_max"), metricNames(
        "max without (pod) (ves_inflight_events) / on (instance) group_left ves_inflight_events_max > bool 0.5"));
    assertEquals(Set.of("a_total", "b"), metricNames(
        "sum(increase(a_total[5m] offset 1h)) or vector(0) unless on() (b == 1e3)"));
    assertEquals(Set.of("ves_requests_total"), metricNames("label_values(ves_requests_total, job)"));
  }

  @Test
  void theDashboardIsTemplatedOnItsDatasourceJobAndInstance() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, String> variables = new TreeMap<>();
    dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v.path("type").asText()));
    assertEquals(Map.of("datasource", "datasource", "job", "query", "instance", "query"), variables);
    for (JsonNode panel : dashboard.path("panels")) {
      if (!"row".equals(panel.path("type").asText())) {
        assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText();
          assertTrue(expr.contains("job=~\"$job\",instance=~\"$instance\""), panel.path("title") + ": " + expr);
        }
      }
    }
  }

  /** The names of the series a collector exposes once it has had requests, events, refusals and a streamed unit. */
  private static Set<String> exposedAfterTraffic(TestKafka kafka, Path dir) throws Exception {
    PrometheusMeterRegistry registry = ProcessMetrics.registry();
    Vertx vertx = ProcessMetrics.vertx(registry, Transport.NIO);
    try {
      TestCertificates ca = new TestCertificates(dir, "test-ca");
      Path[] server = ca.issue("server", "CN=localhost");
      int managementPort;
      try (ServerSocket s = new ServerSocket(0)) {
        managementPort = s.getLocalPort();
      }
      Map<String, String> cfg = new HashMap<>();
      cfg.put(ConfigKeys.TLS_CERT_FILE.name(), server[0].toString());
      cfg.put(ConfigKeys.TLS_KEY_FILE.name(), server[1].toString());
      cfg.put(ConfigKeys.AUTH_METHOD.name(), "basic");
      cfg.put(ConfigKeys.AUTH_USERS + "." + USER, BcryptHashes.hash(PASSWORD.toCharArray()));
      cfg.put(ConfigKeys.SERVER_MANAGEMENT_PORT.name(), Integer.toString(managementPort));
      try (CollectorHarness collector = CollectorHarness.start(vertx, kafka, cfg, registry)) {
        PemTrustOptions trust = new PemTrustOptions().addCertPath(ca.caFile().toString());
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(collector.port()).setSsl(true).setTrustOptions(trust).setVerifyHost(false));
        assertEquals(202, post(client, "/eventListener/v7", Samples.event("fault").toString(), PASSWORD));
        assertEquals(202, post(client, "/eventListener/v7", Samples.event("heartbeat").toString(), PASSWORD));
        assertEquals(202, post(client, "/eventListener/v7/eventBatch",
            Files.readString(Samples.v7("batch-fault")), PASSWORD));
        var badPriority = Samples.event("heartbeat");
        Samples.header(badPriority).put("priority", "Urgent");
        assertEquals(400, post(client, "/eventListener/v7", badPriority.toString(), PASSWORD));
        assertEquals(401, post(client, "/eventListener/v7", Samples.event("fault").toString(), "wrong"));

        String traceRef = "T-" + UUID.randomUUID();
        HttpResponse<Buffer> established = client.post(BASE + "/connections").putHeader("Authorization", basic(PASSWORD))
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(request(trace(traceRef)).encode()))
            .await();
        assertEquals(201, established.statusCode(), established.bodyAsString());
        String location = established.getHeader("Location");
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
            .setTrustOptions(trust).setVerifyHost(false));
        WebSocket ws = sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(location.replaceFirst("^http", "ws"))
            .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", basic(PASSWORD)))).await();
        ws.writeBinaryMessage(Buffer.buffer(StreamUnitHeader.newBuilder().setStreamId(traceRef).build().toByteArray()))
            .await();

        // Micrometer registers jvm_gc_pause_seconds at the first GC after it is bound; a serving collector has had
        // one within seconds, this short run may not have: it asks for one (the notification arrives async).
        System.gc();
        WebClient management = WebClient.create(vertx);
        String text = await("the unit counted and a GC pause recorded").atMost(Duration.ofSeconds(10))
            .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
            .until(() -> management.get(managementPort, "127.0.0.1", "/metrics").send().await().bodyAsString(),
                t -> PrometheusText.sum(t, "streaming_units_") >= 1 && t.contains("jvm_gc_pause_seconds_count"));
        assertTrue(PrometheusText.sum(text, "streaming_units_") >= 1, "the unit was answered");
        assertEquals(1.0, PrometheusText.sum(text, "streaming_websockets_open "), text);
        ws.close().await();
        sockets.close().await();
        management.close();
        client.close();
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
            .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
      }
    } finally {
      vertx.close().await();
    }
  }

  private static int post(WebClient client, String path, String body, String password) {
    return client.post(path).putHeader("Authorization", basic(password)).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await().statusCode();
  }

  private static String basic(String password) {
    return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The PromQL of every panel target, and the metrics named by query variables ({@code label_values(m, l)}). */
  static List<String> dashboardExpressions() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertFalse(dashboard.path("uid").asText().isEmpty(), "uid");
    assertFalse(dashboard.path("title").asText().isEmpty(), "title");
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode query = variable.path("query");
        out.add(query.isObject() ? query.path("query").asText() : query.asText());
      }
    }
    return out;
  }

  static List<String> ruleExpressions() throws Exception {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        out.add(rule.path("expr").asText());
      }
    }
    return out;
  }

  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern LABEL_LIST = Pattern.compile(
      "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
      "group_left", "group_right", "bool", "offset", "inf", "nan", "atan2");

  /**
   * The metric names in a PromQL expression, as exposed (a histogram's {@code _bucket}, {@code _sum} and
   * {@code _count} series are exposed under those names): without strings, label matchers, ranges, Grafana
   * variables, grouping label lists, functions, aggregations and keywords. {@code label_values(m, label)}
   * gives {@code m}.
   */
  static Set<String> metricNames(String promql) {
    String e = promql.replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)[^)]*\\)", "$1");
    e = QUOTED.matcher(e).replaceAll(" ");
    e = e.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
    e = e.replaceAll("\\$\\{[^}]*}|\\$\\w+", " ");
    e = LABEL_LIST.matcher(e).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(e);
    while (m.find()) {
      String rest = e.substring(m.end()).stripLeading();
      if (!rest.startsWith("(") && !KEYWORDS.contains(m.group().toLowerCase(Locale.ROOT))) {
        names.add(m.group());
      }
    }
    return names;
  }
}
