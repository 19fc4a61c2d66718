package io.vescollector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vescollector.answer.ErrorBodies;
import io.vescollector.answer.Responder;
import io.vescollector.config.CollectorConfig;
import io.vescollector.contract.OpenApiDocument;
import io.vescollector.contract.OpenApiEndpoint;
import io.vescollector.enrich.Enricher;
import io.vescollector.hvves.HvVesConfig;
import io.vescollector.hvves.HvVesServer;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.kafka.KafkaHealth;
import io.vescollector.kafka.KafkaReadiness;
import io.vescollector.kafka.ProducerSettings;
import io.vescollector.kafka.TopicProvisioner;
import io.vescollector.metrics.CollectorMetrics;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.publish.InFlight;
import io.vescollector.publish.KafkaEventPublisher;
import io.vescollector.publish.RecordFactory;
import io.vescollector.publish.RejectedEvents;
import io.vescollector.receive.AccessLog;
import io.vescollector.receive.ConnectionCounter;
import io.vescollector.receive.HealthEndpoint;
import io.vescollector.receive.HttpVerticle;
import io.vescollector.receive.ListenerLimits;
import io.vescollector.receive.ManagementVerticle;
import io.vescollector.receive.RouteMount;
import io.vescollector.receive.VesEndpoint;
import io.vescollector.receive.VesPipeline;
import io.vescollector.route.TopicRouter;
import io.vescollector.security.AuthMethod;
import io.vescollector.security.Authenticator;
import io.vescollector.security.CertificateReloader;
import io.vescollector.security.SecurityConfig;
import io.vescollector.security.SourceNamePolicy;
import io.vescollector.security.TlsOptions;
import io.vescollector.security.TlsReloadable;
import io.vescollector.streaming.target.StreamingTarget;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.stnddefined.StndDefinedValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link Collector}, a step at a time: the Kafka clients, the topics, the metrics, the
 * publisher, the VES endpoint, the routes beside it, then the listener. Whatever a step builds that
 * holds a thread, a client or a port is remembered as it is built, so that when a later step fails it
 * is closed, in reverse order, before the failure is thrown: a failed start leaves nothing running.
 * Used once.
 */
final class CollectorStartup {
  /** The collector's: what starting it logs is the collector's to say. */
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final Vertx vertx;
  private final CollectorConfig config;
  private final PrometheusMeterRegistry registry;
  private final ObjectMapper mapper = new ObjectMapper();
  /** What to close if a later step fails, in the order it was built. */
  private final List<AutoCloseable> built = new ArrayList<>();

  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;
  private TopicProvisioner topics;
  private InFlight inFlight;
  private CollectorMetrics metrics;
  private AutoCloseable producerMetrics;
  private KafkaEventPublisher publisher;
  private KafkaHealth health;
  private HvVesServer hvVes;
  private Responder responder;
  private RejectedEvents rejected;
  private VesEndpoint ves;
  private HealthEndpoint healthEndpoint;
  private StreamingTarget streaming;
  private RouteMount metricsRoute;
  private RouteMount openApi;
  private final List<RouteMount> mounts = new ArrayList<>();
  private Authenticator authenticator;
  private final List<String> deployments = new ArrayList<>();
  private final List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
  private AutoCloseable reloader;

  CollectorStartup(Vertx vertx, CollectorConfig config, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
  }

  /** Runs every step; blocks until the collector listens. */
  Collector start() {
    try {
      connectToKafka();
      watchTopics();
      bindMetrics();
      startPublisher();
      startHvVes();
      buildVesEndpoint();
      buildRoutes();
      int port = listen();
      return new Collector(vertx, admin, publisher, health, deployments, port, config.server().shutdownGraceMs(),
          streaming, resourcesToClose(), hvVes);
    } catch (Throwable e) { // Future.await() rethrows a checked failure, such as a port in use, undeclared
      closeWhatWasBuilt(e);
      throw e;
    }
  }

  private void connectToKafka() {
    KafkaClientSettings clients = config.kafka().clients();
    Map<String, Object> adminSettings = clients.forAdmin();
    adminSettings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ves-collector-admin-" + config.collectorId());
    admin = Admin.create(adminSettings);
    built.add(() -> admin.close(Duration.ofSeconds(1)));
    int maxRecordBytes = config.server().maxBodyBytes() + 64 * 1024;
    producer = new KafkaProducer<>(ProducerSettings.forCollector(
        clients.bootstrapServers(), "ves-collector-" + config.collectorId(), maxRecordBytes,
        config.kafka().maxInFlightBytes(), clients.producerOverrides()));
    built.add(() -> producer.close(Duration.ofSeconds(1)));
  }

  private void watchTopics() {
    CollectorConfig.Topics topicSettings = config.kafka().topics();
    topics = new TopicProvisioner(admin, topicSettings.partitions(), topicSettings.replicationFactor(),
        5_000, topicSettings.create(), mappedTopics()).watch(vertx, topicSettings.checkIntervalMs());
    built.add(topics);
  }

  private void bindMetrics() {
    CollectorConfig.Kafka kafka = config.kafka();
    inFlight = new InFlight(kafka.maxInFlightEvents(), kafka.maxInFlightBytes());
    metrics = new CollectorMetrics(registry);
    metrics.bindInFlight(inFlight);
    metrics.bindUnavailableTopics(() -> topics.unavailableTopics().size(), config.routing().topics());
    producerMetrics = metrics.bindProducer(producer);
    built.add(producerMetrics); // its refresh thread
  }

  /** The publisher, Kafka's health check, and the copier of what the listeners refuse to the rejected-events topic. */
  private void startPublisher() {
    CollectorConfig.Kafka kafka = config.kafka();
    publisher = new KafkaEventPublisher(vertx, producer, topics, inFlight, config.server().shutdownGraceMs(), metrics,
        ProducerSettings.metadataWaitMs(kafka.clients().producerOverrides()));
    built.add(() -> publisher.close(Duration.ofSeconds(1)));
    health = new KafkaHealth(vertx, admin, kafka.healthIntervalMs());
    built.add(health);
    rejected = RejectedEvents.start(config.routing().rejectedTopic(), producer, topics, metrics.rejectedEvents());
    built.add(rejected);
  }

  /** Every listener serving TLS: the VES listener's HTTP servers and, once started, HV-VES's TCP servers. */
  private List<TlsReloadable> tlsListeners() {
    List<TlsReloadable> listeners = new ArrayList<>();
    for (HttpVerticle verticle : verticles) {
      listeners.add(security -> verticle.server().updateSSLOptions(TlsOptions.sslOptions(security), true));
    }
    if (hvVes != null) {
      listeners.addAll(hvVes.tlsListeners());
    }
    return listeners;
  }

  /** ONAP's HV-VES listener, when hvVes.enabled (else a no-op): it publishes through the same publisher. */
  private void startHvVes() {
    HvVesConfig hv = config.hvVes();
    if (hv.enabled() && hv.port() == 0) {
      hv = hv.withPort(FreePort.on(hv.host()));
    }
    hvVes = HvVesServer.start(vertx, hv, publisher, rejected, registry);
    built.add(hvVes);
  }

  /** The data path: parse, validate, enrich, route, publish and answer. */
  private void buildVesEndpoint() {
    VesRequestParser parser = new VesRequestParser(config.server().jsonLimits(), config.server().maxBatchEvents());
    VesPipeline pipeline = new VesPipeline(parser,
        new RequestValidator(new EventValidator(new SchemaCatalog()), stndDefinedValidator()),
        new Enricher(config.collectorId(), config.timestampFormat()),
        new TopicRouter(config.routing()),
        new RecordFactory(mapper), metrics::eventAge);
    responder = new Responder(new ErrorBodies(mapper, config.errorBodyStyle()), config.server().retryAfterSeconds());
    ves = new VesEndpoint(vertx, pipeline, publisher, responder, config.server().responseTimeoutMs(),
        metrics, rejected, new SourceNamePolicy(config.security().sources()));
  }

  /** Health, readiness and what mounts beside the VES endpoint: the contract, the access log, streaming, metrics. */
  private void buildRoutes() {
    CollectorConfig.Kafka kafka = config.kafka();
    metricsRoute = router -> router.get(HealthEndpoint.METRICS_PATH).handler(PrometheusScrapingHandler.create(registry));
    KafkaReadiness readiness = new KafkaReadiness(health, topics, kafka.embedded());
    metrics.bindReadiness(readiness);
    healthEndpoint = new HealthEndpoint(readiness, inFlight);
    if (config.streaming().enabled()) {
      CollectorConfig.Topics topicSettings = kafka.topics();
      streaming = StreamingTarget.start(vertx, config.streaming(), admin, kafka.clients(), topicSettings.create(),
          topicSettings.replicationFactor(), publisher, mapper, registry);
      built.add(streaming);
    }
    openApi = new OpenApiEndpoint(OpenApiDocument.load()).mount();
    mounts.add(openApi);
    if (config.logging().accessLog()) {
      mounts.add(AccessLog.mount());
    }
    if (streaming != null) {
      mounts.add(streaming.mount());
    }
    if (!config.server().separateManagementPort()) {
      mounts.add(metricsRoute);
    }
  }

  /** Deploys the listener on every event loop (and the management listener), then watches the certificates. */
  private int listen() {
    CollectorConfig.Server server = config.server();
    SecurityConfig security = config.security();
    // Every event loop listens on the same port; Vert.x shares it only when it is named, so port 0
    // is resolved to a free port first.
    int port = server.port() != 0 ? server.port() : FreePort.on(server.host());
    HttpServerOptions options = new HttpServerOptions().setHost(server.host()).setPort(port)
        .setIdleTimeout(server.idleTimeoutSeconds()).setTcpNoDelay(true)
        // No clear-text HTTP/2: without h2c detection a connection exists from its first byte, so the
        // header timeout covers a client that dribbles its request line. HTTP/2 comes through ALPN only.
        .setHttp2ClearTextEnabled(false)
        .setUseProxyProtocol(server.proxyProtocol())
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(server.http2MaxConcurrentStreams()));
    TlsOptions.apply(options, security, server.http2());
    if (security.method() != AuthMethod.NONE) {
      authenticator = new Authenticator(security, responder, metrics.authentication());
      built.add(authenticator); // its bcrypt threads
      metrics.bindBcryptQueue(authenticator::queuedChecks);
    }
    ListenerLimits limits = new ListenerLimits(server.maxBodyBytes(), server.requestTimeoutMs(),
        new ConnectionCounter(server.maxConnections(), server.maxConnectionsPerAddress()),
        new ShutdownBudget(server.shutdownGraceMs()).drainMs());
    ConnectionCounter connections = limits.connections();
    metrics.bindConnections(connections, ConnectionCounter::open, connections.max(),
        ConnectionCounter::refusedProcessFull, ConnectionCounter::refusedAddressFull);
    int instances = server.eventLoops() > 0 ? server.eventLoops() : Runtime.getRuntime().availableProcessors();
    built.add(() -> deployments.forEach(id -> vertx.undeploy(id).await()));
    deployments.add(vertx.deployVerticle(() -> {
      HttpVerticle verticle = new HttpVerticle(options, limits, ves, healthEndpoint, responder, authenticator, mounts);
      verticles.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances)).await());
    if (server.separateManagementPort()) {
      ManagementVerticle management = new ManagementVerticle(new HttpServerOptions().setHost(server.host())
          .setPort(server.managementPort()), healthEndpoint, List.of(metricsRoute, openApi));
      deployments.add(vertx.deployVerticle(management).await());
      LOG.info("Health and metrics on {}:{}", server.host(), management.actualPort());
    }
    reloader = security.tls() && security.reloadIntervalMs() > 0
        ? new CertificateReloader(vertx, security, this::tlsListeners)
        : () -> { };
    built.add(reloader);
    LOG.info("VES collector {} listening on {}://{}:{} ({} event loops, auth {}{}), publishing to Kafka at {}",
        config.collectorId(), security.tls() ? "https" : "http", server.host(), port, instances,
        security.method().name().toLowerCase(Locale.ROOT),
        security.tls() ? ", TLS by " + security.engine().describe() + (server.http2() ? ", HTTP/2 and HTTP/1.1" : "") : "",
        config.kafka().bootstrapServers());
    return port;
  }

  /**
   * What the running collector closes after its publisher, besides the Kafka clients and the streaming
   * target it closes itself within its grace period.
   */
  private List<AutoCloseable> resourcesToClose() {
    List<AutoCloseable> resources = new ArrayList<>(List.of(producerMetrics, reloader, rejected));
    if (authenticator != null) {
      resources.add(authenticator); // after the listener has stopped: no request waits for a check any more
    }
    return resources;
  }

  private void closeWhatWasBuilt(Throwable failure) {
    for (int i = built.size() - 1; i >= 0; i--) {
      try {
        built.get(i).close();
      } catch (Exception closing) {
        failure.addSuppressed(closing);
      }
    }
  }

  /** The topics the configuration names: checked at start-up and periodically, and listed by readiness. */
  private Set<String> mappedTopics() {
    Set<String> names = new TreeSet<>(config.routing().topics());
    if (config.streaming().enabled()) {
      names.add(config.streaming().connectionsTopic());
      names.addAll(config.streaming().topics().topics().values());
    }
    return names;
  }

  /** Reads the 3GPP schemas and compiles the preloaded ones here, before any event loop needs them. */
  private StndDefinedValidator stndDefinedValidator() {
    long start = System.nanoTime();
    StndDefinedValidator validator = StndDefinedValidator.from(config.stndDefined(), true);
    validator.emptySchemasDirectory().ifPresent(dir -> LOG.warn("No 3GPP schema files in {} "
        + "(stndDefined.schemasDirectory): stndDefinedFields.data is checked against the VES schema only. "
        + "Put the 3GPP OpenAPI files there to check it.", dir));
    if (validator.active()) {
      LOG.info("stndDefined schemas from {} ready in {} ms", config.stndDefined().schemasDirectory().toAbsolutePath(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return validator;
  }
}
