package io.vescollector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.answer.ErrorBodies;
import io.vescollector.answer.Responder;
import io.vescollector.config.CollectorConfig;
import io.vescollector.enrich.Enricher;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.kafka.KafkaHealth;
import io.vescollector.kafka.KafkaReadiness;
import io.vescollector.kafka.ProducerSettings;
import io.vescollector.kafka.TopicProvisioner;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.publish.InFlight;
import io.vescollector.publish.KafkaEventPublisher;
import io.vescollector.publish.RecordFactory;
import io.vescollector.publish.RejectedEvents;
import io.vescollector.receive.ConnectionCounter;
import io.vescollector.receive.HealthEndpoint;
import io.vescollector.receive.ListenerLimits;
import io.vescollector.receive.HttpVerticle;
import io.vescollector.receive.VesEndpoint;
import io.vescollector.receive.VesPipeline;
import io.vescollector.route.TopicRouter;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.stnddefined.StndDefinedValidator;
import io.vescollector.streaming.target.StreamingTarget;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vescollector.metrics.CollectorMetrics;
import io.vescollector.receive.AccessLog;
import io.vescollector.receive.ManagementVerticle;
import io.vescollector.security.AuthMethod;
import io.vescollector.security.Authenticator;
import io.vescollector.security.CertificateReloader;
import io.vescollector.security.SecurityConfig;
import io.vescollector.security.SourceNamePolicy;
import io.vescollector.security.TlsOptions;
import io.vescollector.receive.RouteMount;
import io.vescollector.contract.OpenApiDocument;
import io.vescollector.contract.OpenApiEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running collector: the HTTP listener on its event loops, the shared Kafka producer and its
 * sender thread, and the readiness check. Stateless apart from work in flight, so many collectors can
 * run behind one load balancer on one Kafka cluster.
 */
public final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final Vertx vertx;
  private final Admin admin;
  private final KafkaEventPublisher publisher;
  private final KafkaHealth health;
  private final List<String> deploymentIds;
  private final int port;
  private final ShutdownBudget shutdown;
  private final StreamingTarget streaming;
  private final List<AutoCloseable> resources;
  private boolean closed;

  private Collector(Vertx vertx, Admin admin, KafkaEventPublisher publisher, KafkaHealth health,
                    List<String> deploymentIds, int port, long shutdownGraceMs, StreamingTarget streaming,
                    List<AutoCloseable> resources) {
    this.streaming = streaming;
    this.resources = resources;
    this.vertx = vertx;
    this.admin = admin;
    this.publisher = publisher;
    this.health = health;
    this.deploymentIds = List.copyOf(deploymentIds);
    this.port = port;
    this.shutdown = new ShutdownBudget(shutdownGraceMs);
  }

  /** Starts a collector publishing to {@code config.kafka().bootstrapServers()}; blocks until it listens. */
  public static Collector start(Vertx vertx, CollectorConfig config) {
    return start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * As {@link #start(Vertx, CollectorConfig)}, reporting to a registry Vert.x may report to as well. When a
   * step fails, what the earlier steps built (Kafka clients, threads, verticles) is closed before the
   * failure is thrown, so that a failed start leaves nothing running.
   */
  public static Collector start(Vertx vertx, CollectorConfig config, PrometheusMeterRegistry registry) {
    CollectorConfig.Kafka kafka = config.kafka();
    if (!kafka.clients().hasBootstrapServers()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers configured");
    }
    List<AutoCloseable> built = new ArrayList<>();
    try {
      return start(vertx, config, registry, built);
    } catch (RuntimeException | Error e) {
      for (int i = built.size() - 1; i >= 0; i--) {
        try {
          built.get(i).close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  private static Collector start(Vertx vertx, CollectorConfig config, PrometheusMeterRegistry registry,
                                 List<AutoCloseable> built) {
    CollectorConfig.Kafka kafka = config.kafka();
    KafkaClientSettings clients = kafka.clients();
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> adminSettings = clients.forAdmin();
    adminSettings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ves-collector-admin-" + config.collectorId());
    Admin admin = Admin.create(adminSettings);
    built.add(() -> admin.close(Duration.ofSeconds(1)));
    int maxRecordBytes = config.server().maxBodyBytes() + 64 * 1024;
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ProducerSettings.forCollector(
        clients.bootstrapServers(), "ves-collector-" + config.collectorId(), maxRecordBytes,
        kafka.maxInFlightBytes(), clients.producerOverrides()));
    built.add(() -> producer.close(Duration.ofSeconds(1)));
    CollectorConfig.Topics topicSettings = kafka.topics();
    TopicProvisioner topics = new TopicProvisioner(admin, topicSettings.partitions(), topicSettings.replicationFactor(),
        5_000, topicSettings.create(), mappedTopics(config)).watch(vertx, topicSettings.checkIntervalMs());
    built.add(topics);
    InFlight inFlight = new InFlight(kafka.maxInFlightEvents(), kafka.maxInFlightBytes());
    CollectorMetrics metrics = new CollectorMetrics(registry);
    metrics.bindInFlight(inFlight);
    metrics.bindUnavailableTopics(() -> topics.unavailableTopics().size(), config.routing().topics());
    AutoCloseable producerMetrics = metrics.bindProducer(producer);
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, inFlight,
        config.server().shutdownGraceMs(), metrics, ProducerSettings.metadataWaitMs(clients.producerOverrides()));
    built.add(() -> publisher.close(Duration.ofSeconds(1)));
    KafkaHealth health = new KafkaHealth(vertx, admin, kafka.healthIntervalMs());
    built.add(health);

    VesRequestParser parser = new VesRequestParser(config.server().jsonLimits(), config.server().maxBatchEvents());
    VesPipeline pipeline = new VesPipeline(parser,
        new RequestValidator(new EventValidator(new SchemaCatalog()), stndDefinedValidator(config)),
        new Enricher(config.collectorId(), config.timestampFormat()),
        new TopicRouter(config.routing()),
        new RecordFactory(mapper), metrics::eventAge);
    Responder responder = new Responder(new ErrorBodies(mapper, config.errorBodyStyle()),
        config.server().retryAfterSeconds());
    RejectedEvents rejected = RejectedEvents.start(config.routing().rejectedTopic(), producer, topics,
        metrics.rejectedEvents());
    built.add(rejected);
    VesEndpoint ves = new VesEndpoint(vertx, pipeline, publisher, responder, config.server().responseTimeoutMs(),
        metrics, rejected, new SourceNamePolicy(config.security().sources()));
    RouteMount metricsRoute = router -> router.get(HealthEndpoint.METRICS_PATH).handler(PrometheusScrapingHandler.create(registry));
    KafkaReadiness readiness = new KafkaReadiness(health, topics, kafka.embedded());
    metrics.bindReadiness(readiness);
    HealthEndpoint healthEndpoint = new HealthEndpoint(readiness, inFlight);
    StreamingTarget streaming = config.streaming().enabled()
        ? StreamingTarget.start(vertx, config.streaming(), admin, clients, topicSettings.create(),
            topicSettings.replicationFactor(), publisher, mapper, registry)
        : null;
    RouteMount openApi = new OpenApiEndpoint(OpenApiDocument.load()).mount();
    List<RouteMount> mounts = new ArrayList<>(List.of(openApi));
    if (config.logging().accessLog()) {
      mounts.add(AccessLog.mount());
    }
    if (streaming != null) {
      built.add(streaming);
      mounts.add(streaming.mount());
    }
    if (!config.server().separateManagementPort()) {
      mounts.add(metricsRoute);
    }

    CollectorConfig.Server server = config.server();
    SecurityConfig security = config.security();
    // Every event loop listens on the same port; Vert.x shares it only when it is named, so port 0
    // is resolved to a free port first.
    int port = server.port() != 0 ? server.port() : FreePort.on(server.host());
    HttpServerOptions options = new HttpServerOptions().setHost(server.host()).setPort(port)
        .setIdleTimeout(server.idleTimeoutSeconds()).setTcpNoDelay(true)
        // HTTP/1.1 only: without h2c detection a connection exists from its first byte, so the
        // header timeout covers a client that dribbles its request line.
        .setHttp2ClearTextEnabled(false)
        .setUseProxyProtocol(server.proxyProtocol());
    TlsOptions.apply(options, security);
    Authenticator authenticator = security.method() == AuthMethod.NONE ? null
        : new Authenticator(security, responder, metrics.authentication());
    if (authenticator != null) {
      built.add(authenticator); // its bcrypt threads
      metrics.bindBcryptQueue(authenticator::queuedChecks);
    }
    List<HttpVerticle> verticles = new java.util.concurrent.CopyOnWriteArrayList<>();
    ListenerLimits limits = new ListenerLimits(server.maxBodyBytes(), server.requestTimeoutMs(),
        new ConnectionCounter(server.maxConnections(), server.maxConnectionsPerAddress()),
        new ShutdownBudget(server.shutdownGraceMs()).drainMs());
    ConnectionCounter connections = limits.connections();
    metrics.bindConnections(connections, ConnectionCounter::open, connections.max(),
        ConnectionCounter::refusedProcessFull, ConnectionCounter::refusedAddressFull);
    int instances = server.eventLoops() > 0 ? server.eventLoops() : Runtime.getRuntime().availableProcessors();
    List<String> deployments = new ArrayList<>();
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
    AutoCloseable reloader = security.tls() && security.reloadIntervalMs() > 0
        ? new CertificateReloader(vertx, security, () -> verticles.stream().map(HttpVerticle::server).toList())
        : () -> { };
    LOG.info("VES collector {} listening on {}://{}:{} ({} event loops, auth {}), publishing to Kafka at {}",
        config.collectorId(), security.tls() ? "https" : "http", server.host(), port, instances,
        security.method().name().toLowerCase(java.util.Locale.ROOT), kafka.bootstrapServers());
    List<AutoCloseable> resources = new ArrayList<>(List.of(producerMetrics, reloader, rejected));
    if (authenticator != null) {
      resources.add(authenticator); // after the listener has stopped: no request waits for a check any more
    }
    return new Collector(vertx, admin, publisher, health, deployments, port, server.shutdownGraceMs(), streaming,
        resources);
  }

  /** Reads the 3GPP schemas and compiles the preloaded ones here, before any event loop needs them. */
  /** The topics the configuration names: checked at start-up and periodically, and listed by readiness. */
  private static Set<String> mappedTopics(CollectorConfig config) {
    Set<String> topics = new TreeSet<>(config.routing().topics());
    if (config.streaming().enabled()) {
      topics.add(config.streaming().connectionsTopic());
      topics.addAll(config.streaming().topics().topics().values());
    }
    return topics;
  }

  private static StndDefinedValidator stndDefinedValidator(CollectorConfig config) {
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

  public int port() {
    return port;
  }

  private static Duration until(long nanoTime) {
    return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
  }

  /**
   * Graceful and bounded: stops accepting connections, lets requests in flight finish (they wait for
   * Kafka as usual), then closes the producer, which sends what it holds, then the Kafka clients; all
   * within {@code server.shutdownGraceMs}, even when Kafka does not answer ({@link ShutdownBudget}).
   * Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    long drainEnd = start + TimeUnit.MILLISECONDS.toNanos(shutdown.drainMs());
    long flushEnd = drainEnd + TimeUnit.MILLISECONDS.toNanos(shutdown.flushMs());
    long deadline = flushEnd + TimeUnit.MILLISECONDS.toNanos(shutdown.clientsMs());
    try {
      Future.all(deploymentIds.stream().map(vertx::undeploy).toList()).toCompletionStage().toCompletableFuture()
          .get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainEnd - System.nanoTime())), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("Stopping the HTTP listener did not finish cleanly: {}", e.toString());
    }
    health.close();
    publisher.close(until(flushEnd));
    if (streaming != null) {
      streaming.close(until(deadline));
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.debug("Closing {} failed: {}", resource, e.toString());
      }
    }
    admin.close(until(deadline));
    LOG.info("Collector stopped; {} events were in flight at the end", publisher.inFlight().events());
  }
}
