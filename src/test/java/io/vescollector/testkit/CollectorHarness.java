package io.vescollector.testkit;

import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vescollector.Collector;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigKey;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.Settings;
import io.vescollector.config.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A collector on a free port, publishing to the test broker, with every topic name made unique to
 * this harness so tests can count exactly what they published. Requests go over a real socket.
 */
public final class CollectorHarness implements AutoCloseable {
  private static final List<ConfigKey> STREAMING_TOPICS = List.of(
      ConfigKeys.STREAMING_CONNECTIONS_TOPIC, ConfigKeys.STREAMING_TOPIC_PERFORMANCE, ConfigKeys.STREAMING_TOPIC_TRACE,
      ConfigKeys.STREAMING_TOPIC_ANALYTICS, ConfigKeys.STREAMING_TOPIC_PROPRIETARY);
  private final Collector collector;
  private final WebClient client;
  private final CollectorConfig config;
  private final PrometheusMeterRegistry registry;

  private CollectorHarness(Collector collector, WebClient client, CollectorConfig config,
                           PrometheusMeterRegistry registry) {
    this.collector = collector;
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  /** A collector whose topics are the defaults with a unique suffix. */
  public static CollectorHarness start(Vertx vertx, TestKafka kafka, Map<String, String> overrides) {
    return startWith(vertx, kafka, isolatedTopics(overrides));
  }

  /**
   * As {@link #start(Vertx, TestKafka, Map)}, reporting to {@code registry}: with a Vert.x and registry from
   * {@code ProcessMetrics}, /metrics shows what {@code serve}'s does (Vert.x and JVM metrics included).
   */
  public static CollectorHarness start(Vertx vertx, TestKafka kafka, Map<String, String> overrides,
                                       PrometheusMeterRegistry registry) {
    return startWith(vertx, kafka.bootstrapServers(), isolatedTopics(overrides), registry);
  }

  /**
   * A collector against any broker ({@code bootstrap}, e.g. a {@link SecuredKafka} listener), topics made unique as
   * by {@link #start(Vertx, TestKafka, Map)}; {@code overrides} win over both (Kafka client settings, topics).
   */
  public static CollectorHarness start(Vertx vertx, String bootstrap, Map<String, String> overrides) {
    return startWith(vertx, bootstrap, isolatedTopics(overrides));
  }

  /**
   * Routing and streaming topic keys mapped to {@code prefix} + their default names (e.g.
   * {@code <prefix>unauthenticated.SEC_FAULT_OUTPUT}), for brokers whose ACLs cover topics by prefix.
   */
  public static Map<String, String> topicsWithPrefix(String prefix) {
    Settings defaults = new SettingsLoader().load(null, Map.of(), Map.of());
    Map<String, String> all = new HashMap<>();
    defaults.map(ConfigKeys.ROUTING_DOMAINS).forEach((d, t) -> all.put(ConfigKeys.ROUTING_DOMAINS + "." + d, prefix + t));
    defaults.map(ConfigKeys.ROUTING_NAMESPACES).forEach((n, t) -> all.put(ConfigKeys.ROUTING_NAMESPACES + "." + n, prefix + t));
    all.put(ConfigKeys.ROUTING_FALLBACK_TOPIC.name(), prefix + defaults.string(ConfigKeys.ROUTING_FALLBACK_TOPIC));
    for (var key : STREAMING_TOPICS) {
      all.put(key.name(), prefix + defaults.string(key));
    }
    return all;
  }

  /** A collector on the default (ONAP) topic names. */
  public static CollectorHarness startWithDefaultTopics(Vertx vertx, TestKafka kafka) {
    return startWith(vertx, kafka, Map.of());
  }

  private static CollectorHarness startWith(Vertx vertx, TestKafka kafka, Map<String, String> overrides) {
    return startWith(vertx, kafka.bootstrapServers(), overrides);
  }

  private static CollectorHarness startWith(Vertx vertx, String bootstrap, Map<String, String> overrides) {
    return startWith(vertx, bootstrap, overrides, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private static CollectorHarness startWith(Vertx vertx, String bootstrap, Map<String, String> overrides,
                                            PrometheusMeterRegistry registry) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put(ConfigKeys.SERVER_PORT.name(), "0");
    all.put(ConfigKeys.SERVER_HOST.name(), "127.0.0.1");
    all.put(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrap);
    all.putIfAbsent(ConfigKeys.SERVER_EVENT_LOOPS.name(), "2");
    all.putIfAbsent(ConfigKeys.COLLECTOR_ID.name(), "test-collector");
    CollectorConfig config = CollectorConfig.from(new SettingsLoader().load(null, Map.of(), all));
    Collector collector = Collector.start(vertx, config, registry);
    // The collector closes a kept-alive connection whose next request does not start within the request
    // timeout; the client lets its idle connections go a second sooner, so that no test races that close.
    int keepAliveSeconds = (int) Math.max(1, config.server().requestTimeoutMs() / 1000 - 1);
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(collector.port()).setKeepAliveTimeout(keepAliveSeconds));
    return new CollectorHarness(collector, client, config, registry);
  }

  private static Map<String, String> isolatedTopics(Map<String, String> overrides) {
    String suffix = "." + UUID.randomUUID().toString().substring(0, 8);
    Settings defaults = new SettingsLoader().load(null, Map.of(), Map.of());
    Map<String, String> all = new HashMap<>();
    defaults.map(ConfigKeys.ROUTING_DOMAINS).forEach((d, t) -> all.put(ConfigKeys.ROUTING_DOMAINS + "." + d, t + suffix));
    defaults.map(ConfigKeys.ROUTING_NAMESPACES).forEach((n, t) -> all.put(ConfigKeys.ROUTING_NAMESPACES + "." + n, t + suffix));
    all.put(ConfigKeys.ROUTING_FALLBACK_TOPIC.name(), defaults.string(ConfigKeys.ROUTING_FALLBACK_TOPIC) + suffix);
    for (var key : STREAMING_TOPICS) {
      all.put(key.name(), defaults.string(key) + suffix);
    }
    all.putAll(overrides);
    return all;
  }

  public CollectorConfig config() {
    return config;
  }

  /** The registry the collector's own metrics are in. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int port() {
    return collector.port();
  }

  /** The HV-VES listener's port, or -1 unless hvVes.enabled. */
  public int hvVesPort() {
    return collector.hvVesPort();
  }

  /** The topic this collector publishes a domain to. */
  public String topicOf(String domain) {
    return config.routing().topicForDomain(domain);
  }

  public String topicOfNamespace(String namespace) {
    String topic = config.routing().topicForNamespace(namespace);
    return topic != null ? topic : config.routing().fallbackTopic();
  }

  public HttpResponse<Buffer> post(String path, String body) {
    return post(path, body, "application/json");
  }

  public HttpResponse<Buffer> post(String path, String body, String contentType) {
    HttpRequest<Buffer> request = client.post(path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  public HttpResponse<Buffer> postFile(String path, Path file) {
    return post(path, read(file));
  }

  public HttpResponse<Buffer> get(String path) {
    return client.get(path).send().await();
  }

  /**
   * Readiness turns true once the background Kafka check has answered; waits for that (10 s at most) and returns
   * the last answer, ready or not, for the caller to check.
   */
  public HttpResponse<Buffer> awaitReady() {
    try {
      return await().atMost(Duration.ofSeconds(10)).dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(() -> get("/health/ready"), ready -> ready.statusCode() == 200);
    } catch (ConditionTimeoutException notReady) {
      return get("/health/ready");
    }
  }

  public WebClient client() {
    return client;
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    collector.close();
  }
}
