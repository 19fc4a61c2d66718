package io.vescollector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.answer.ErrorBodies;
import io.vescollector.answer.Responder;
import io.vescollector.config.CollectorConfig;
import io.vescollector.enrich.Enricher;
import io.vescollector.kafka.KafkaHealth;
import io.vescollector.kafka.ProducerSettings;
import io.vescollector.kafka.TopicProvisioner;
import io.vescollector.parse.JsonLimits;
import io.vescollector.parse.VesRequestParser;
import io.vescollector.publish.InFlight;
import io.vescollector.publish.KafkaEventPublisher;
import io.vescollector.publish.RecordFactory;
import io.vescollector.receive.HealthEndpoint;
import io.vescollector.receive.HttpVerticle;
import io.vescollector.receive.VesEndpoint;
import io.vescollector.receive.VesPipeline;
import io.vescollector.route.TopicRouter;
import io.vescollector.streaming.target.StreamingTarget;
import io.vescollector.validate.EventValidator;
import io.vescollector.validate.RequestValidator;
import io.vescollector.validate.SchemaCatalog;
import io.vescollector.validate.stnddefined.StndDefinedValidator;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;
import java.util.List;
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
  private static final long CLOSE_GRACE_MS = 5_000;

  private final Vertx vertx;
  private final Admin admin;
  private final KafkaEventPublisher publisher;
  private final KafkaHealth health;
  private final StreamingTarget streaming;
  private final String deployment;
  private final int port;

  private Collector(Vertx vertx, Admin admin, KafkaEventPublisher publisher, KafkaHealth health,
                    StreamingTarget streaming, String deployment, int port) {
    this.vertx = vertx;
    this.admin = admin;
    this.publisher = publisher;
    this.health = health;
    this.streaming = streaming;
    this.deployment = deployment;
    this.port = port;
  }

  /** Starts a collector publishing to {@code config.kafka().bootstrapServers()}; blocks until it listens. */
  public static Collector start(Vertx vertx, CollectorConfig config) {
    CollectorConfig.Kafka kafka = config.kafka();
    if (kafka.embedded()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers configured");
    }
    ObjectMapper mapper = new ObjectMapper();
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "ves-collector-admin-" + config.collectorId()));
    int maxRecordBytes = config.server().maxBodyBytes() + 64 * 1024;
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ProducerSettings.forCollector(
        kafka.bootstrapServers(), "ves-collector-" + config.collectorId(), maxRecordBytes,
        kafka.maxInFlightBytes(), kafka.producerProperties()));
    TopicProvisioner topics = new TopicProvisioner(admin, kafka.topicPartitions(), kafka.topicReplicationFactor(), 5_000);
    InFlight inFlight = new InFlight(kafka.maxInFlightEvents(), kafka.maxInFlightBytes());
    KafkaEventPublisher publisher = new KafkaEventPublisher(vertx, producer, topics, inFlight, CLOSE_GRACE_MS);
    KafkaHealth health = new KafkaHealth(vertx, admin, kafka.healthIntervalMs());

    VesRequestParser parser = new VesRequestParser(JsonLimits.DEFAULT);
    VesPipeline pipeline = new VesPipeline(parser,
        new RequestValidator(new EventValidator(new SchemaCatalog()), stndDefinedValidator(config)),
        new Enricher(config.collectorId(), config.timestampFormat()),
        new TopicRouter(config.routing()),
        new RecordFactory(mapper));
    Responder responder = new Responder(new ErrorBodies(mapper, config.errorBodyStyle()),
        config.server().retryAfterSeconds());
    VesEndpoint ves = new VesEndpoint(vertx, pipeline, publisher, responder, config.server().responseTimeoutMs());
    HealthEndpoint healthEndpoint = new HealthEndpoint(health, inFlight);

    StreamingTarget streaming = config.streaming().enabled()
        ? StreamingTarget.start(vertx, config.streaming(), admin, kafka.bootstrapServers(),
            kafka.topicReplicationFactor(), publisher, mapper)
        : null;
    java.util.List<io.vescollector.receive.RouteMount> mounts =
        streaming == null ? List.of() : List.of(streaming.mount());

    CollectorConfig.Server server = config.server();
    HttpServerOptions options = new HttpServerOptions().setHost(server.host()).setPort(server.port())
        .setIdleTimeout(60).setTcpNoDelay(true);
    int instances = server.eventLoops() > 0 ? server.eventLoops() : Runtime.getRuntime().availableProcessors();
    // Every event loop listens on the same port; Vert.x shares it only when it is named, so port 0
    // is resolved to a free port first.
    int port = server.port() != 0 ? server.port() : FreePort.on(server.host());
    options.setPort(port);
    String deployment = vertx.deployVerticle(() -> new HttpVerticle(options, server.maxBodyBytes(), ves,
        healthEndpoint, responder, mounts), new DeploymentOptions().setInstances(instances)).await();
    LOG.info("VES collector {} listening on {}:{} ({} event loops), publishing to Kafka at {}",
        config.collectorId(), server.host(), port, instances, kafka.bootstrapServers());
    return new Collector(vertx, admin, publisher, health, streaming, deployment, port);
  }

  /** Reads the 3GPP schemas and compiles the preloaded ones here, before any event loop needs them. */
  private static StndDefinedValidator stndDefinedValidator(CollectorConfig config) {
    long start = System.nanoTime();
    StndDefinedValidator validator = StndDefinedValidator.from(config.stndDefined(), true);
    if (config.stndDefined().enabled()) {
      LOG.info("stndDefined schemas from {} ready in {} ms", config.stndDefined().schemasDirectory().toAbsolutePath(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return validator;
  }

  public int port() {
    return port;
  }

  /** Stops listening, lets in-flight publishes finish and flushes the producer. */
  @Override
  public void close() {
    try {
      vertx.undeploy(deployment).await();
    } catch (RuntimeException e) {
      LOG.warn("Undeploying the HTTP listener failed: {}", e.toString());
    }
    health.close();
    if (streaming != null) {
      streaming.close();
    }
    publisher.close();
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
