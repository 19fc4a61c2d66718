package io.vescollector.cli;

import io.vescollector.Collector;
import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigException;
import io.vescollector.config.ConfigKeys;
import io.vescollector.config.SettingsLoader;
import io.vescollector.kafka.EmbeddedKafkaBroker;
import io.vescollector.metrics.ProcessMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the collector. Without a Kafka address it starts the embedded broker first, so one
 * command gives a working collector with somewhere to look at the events.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the VES collector (HTTP listener -> validate -> enrich -> Kafka).")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--config", description = "YAML configuration file (default: config/collector.yaml if present).")
  Path config;

  @Option(names = "--port", description = "HTTP port of the VES listener (server.port, default 8080).")
  Integer port;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers; without one an embedded broker is started.")
  String kafkaBootstrap;

  @Option(names = "--embedded-kafka-port", description = "Port of the embedded broker (kafka.embedded.port, default 9092).")
  Integer embeddedKafkaPort;

  @Option(names = "--data-dir", description = "Data directory of the embedded broker (kafka.embedded.dataDir, default ./data).")
  Path dataDir;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Sets any configuration key, map entries included (--set kafka.producer.linger.ms=5); "
          + "repeatable; wins over the file and the environment.")
  Map<String, String> set;

  @Override
  public Integer call() throws Exception {
    CollectorConfig cfg;
    try {
      cfg = configuration(System.getenv());
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    LogFormat.apply(cfg.logging().format());
    String taken = new PortCheck(cfg).firstTaken();
    if (taken != null) {
      System.err.println("Cannot start: " + taken);
      return 2;
    }
    EmbeddedKafkaBroker broker = null;
    if (cfg.kafka().embedded()) {
      broker = EmbeddedKafkaBroker.start(cfg.kafka().embeddedPort(), cfg.kafka().embeddedDataDir(),
          cfg.kafka().topics().partitions());
      LOG.warn(embeddedBanner(broker.bootstrapServers(), cfg.kafka().embeddedDataDir()));
      cfg = cfg.withKafka(cfg.kafka().onEmbeddedBroker(broker.bootstrapServers()));
    }
    // One Prometheus registry for Vert.x's own metrics (pools, verticles), the JVM's and the collector's.
    PrometheusMeterRegistry registry = ProcessMetrics.registry();
    Vertx vertx = ProcessMetrics.vertx(registry, cfg.server().transport().vertxTransport());
    LOG.info("Network I/O by {}", cfg.server().transport().describe());
    Collector collector;
    try {
      collector = Collector.start(vertx, cfg, registry);
    } catch (Exception e) {
      // Collector.start has closed what it built (a bind failure arrives as a checked exception); what is left is Vert.x and the embedded broker.
      LOG.debug("Start-up failed", e);
      System.err.println("Cannot start: " + causes(e));
      vertx.close().await();
      if (broker != null) {
        broker.close();
      }
      return 1;
    }
    Shutdown shutdown = new Shutdown(collector, vertx, broker, cfg.server().shutdownGraceMs());
    // SIGTERM and SIGINT end the wait below, so the process stops gracefully and exits 0; the hook
    // covers any other way the JVM exits.
    CountDownLatch stop = new CountDownLatch(1);
    TerminationSignals.install(stop::countDown);
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "collector-shutdown"));
    stop.await();
    shutdown.run();
    return 0;
  }

  /**
   * Stops the collector, then Vert.x, then the embedded broker; once. The collector keeps to the grace
   * period; Vert.x gets what is left of it (at least {@link #VERTX_CLOSE_MIN_MS}), so that the process
   * exits on time even when something it runs does not stop.
   */
  private static final class Shutdown implements Runnable {
    private static final long VERTX_CLOSE_MIN_MS = 200;
    private final Collector collector;
    private final Vertx vertx;
    private final EmbeddedKafkaBroker broker;
    private final long graceMs;
    private boolean done;

    Shutdown(Collector collector, Vertx vertx, EmbeddedKafkaBroker broker, long graceMs) {
      this.collector = collector;
      this.vertx = vertx;
      this.broker = broker;
      this.graceMs = graceMs;
    }

    @Override
    public synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
      LOG.info("Shutting down: no new connections; finishing requests in flight (at most {} ms)", graceMs);
      collector.close();
      long left = Math.max(VERTX_CLOSE_MIN_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(left, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("Vert.x did not close within the grace period ({}); exiting anyway", e.toString());
      }
      if (broker != null) {
        broker.close();
      }
      LOG.info("Shut down");
    }
  }

  /**
   * Said out loud because a deployment that misses its Kafka setting would otherwise answer 202 into its
   * own disk: the embedded broker is for trying the collector, not for keeping events.
   */
  static String embeddedBanner(String servers, Path dataDir) {
    String rule = "=".repeat(96);
    return String.join(System.lineSeparator(), "", rule,
        "  DEVELOPMENT BROKER: no Kafka is configured, so events go to an embedded single-node broker at " + servers,
        "  (data in " + dataDir + ", one replica, this machine only). Try: kcat -b " + servers
            + " -C -t unauthenticated.SEC_FAULT_OUTPUT",
        "  For production set " + ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name() + " ("
            + ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.environmentVariable() + ") and " + ConfigKeys.KAFKA_EMBEDDED_ENABLED.name()
            + ": false, so that a missing setting stops start-up.",
        rule);
  }

  /**
   * The messages of a failure and its causes, without a stack trace: a refused Kafka client setting (an
   * unknown security protocol, a secret file that is missing) says what is wrong in its messages.
   */
  static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (out.indexOf(message) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(message);
      }
    }
    return out.toString();
  }

  /** The configuration this command line and {@code environment} give: defaults, file, environment, options. */
  CollectorConfig configuration(Map<String, String> environment) {
    return CollectorConfig.from(new SettingsLoader().load(configFile(), environment, overrides()));
  }

  private Path configFile() {
    if (config != null) {
      return config;
    }
    Path local = Path.of("config", "collector.yaml");
    return Files.isRegularFile(local) ? local : null;
  }

  private Map<String, String> overrides() {
    Map<String, String> o = set == null ? new HashMap<>() : new HashMap<>(set);
    if (port != null) {
      o.put(ConfigKeys.SERVER_PORT.name(), port.toString());
    }
    if (kafkaBootstrap != null) {
      o.put(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), kafkaBootstrap);
    }
    if (embeddedKafkaPort != null) {
      o.put(ConfigKeys.KAFKA_EMBEDDED_PORT.name(), embeddedKafkaPort.toString());
    }
    if (dataDir != null) {
      o.put(ConfigKeys.KAFKA_EMBEDDED_DATA_DIR.name(), dataDir.toString());
    }
    return o;
  }
}
