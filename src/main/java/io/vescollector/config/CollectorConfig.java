package io.vescollector.config;

import io.vescollector.answer.ErrorBodyStyle;
import io.vescollector.enrich.TimestampFormat;
import io.vescollector.hvves.HvVesConfig;
import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.parse.JsonLimits;
import io.vescollector.security.SecurityConfig;
import io.vescollector.route.RoutingTable;
import io.vescollector.validate.stnddefined.StndDefinedSettings;
import io.vescollector.streaming.StreamingConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/** The typed configuration of one collector process, read once at start-up from {@link Settings}. */
public record CollectorConfig(
    Server server, Kafka kafka, String collectorId, TimestampFormat timestampFormat,
    ErrorBodyStyle errorBodyStyle, RoutingTable routing, StndDefinedSettings stndDefined,
    StreamingConfig streaming, SecurityConfig security, Logging logging, HvVesConfig hvVes) {

  /** {@code logging.*}: the format of every line, and whether each request gets an access-log line. */
  public record Logging(Format format, boolean accessLog) {
    public enum Format { TEXT, JSON }
  }

  /** The HTTP listener and the limits it enforces on clients. */
  public record Server(String host, int port, int eventLoops, int maxBodyBytes, long responseTimeoutMs,
                       int retryAfterSeconds, int maxBatchEvents, long requestTimeoutMs, int idleTimeoutSeconds,
                       int maxConnections, int maxConnectionsPerAddress, boolean proxyProtocol,
                       boolean http2, int http2MaxConcurrentStreams, NetworkTransport transport, long shutdownGraceMs,
                       int managementPort, JsonLimits jsonLimits) {
    /** True when health and metrics have a port of their own. */
    public boolean separateManagementPort() {
      return managementPort >= 0;
    }

    /**
     * The listener's settings alone, without the checks of the rest (a Kafka address): what the tools that
     * judge requests as the collector does (validate) need.
     */
    public static Server from(Settings s) {
      return new Server(
          s.string(ConfigKeys.SERVER_HOST),
          CollectorConfig.port(s, ConfigKeys.SERVER_PORT, 0),
          CollectorConfig.positive(s, ConfigKeys.SERVER_EVENT_LOOPS, 0),
          CollectorConfig.positive(s, ConfigKeys.SERVER_MAX_BODY_BYTES, 1),
          CollectorConfig.positive(s, ConfigKeys.SERVER_RESPONSE_TIMEOUT_MS, 1),
          CollectorConfig.positive(s, ConfigKeys.SERVER_RETRY_AFTER_SECONDS, 0),
          CollectorConfig.positive(s, ConfigKeys.SERVER_MAX_BATCH_EVENTS, 1),
          CollectorConfig.positive(s, ConfigKeys.SERVER_REQUEST_TIMEOUT_MS, 100),
          CollectorConfig.positive(s, ConfigKeys.SERVER_IDLE_TIMEOUT_SECONDS, 1),
          CollectorConfig.positive(s, ConfigKeys.SERVER_MAX_CONNECTIONS, 1),
          CollectorConfig.positive(s, ConfigKeys.SERVER_MAX_CONNECTIONS_PER_ADDRESS, 0),
          s.bool(ConfigKeys.SERVER_PROXY_PROTOCOL),
          s.bool(ConfigKeys.SERVER_HTTP2),
          CollectorConfig.positive(s, ConfigKeys.SERVER_HTTP2_MAX_CONCURRENT_STREAMS, 1),
          s.choice(ConfigKeys.SERVER_TRANSPORT, NetworkTransport.class),
          CollectorConfig.positive(s, ConfigKeys.SERVER_SHUTDOWN_GRACE_MS, 0),
          CollectorConfig.port(s, ConfigKeys.SERVER_MANAGEMENT_PORT, -1),
          new JsonLimits(CollectorConfig.positive(s, ConfigKeys.PARSE_MAX_NESTING_DEPTH, 2),
              CollectorConfig.positive(s, ConfigKeys.PARSE_MAX_STRING_LENGTH, 1),
              CollectorConfig.positive(s, ConfigKeys.PARSE_MAX_NUMBER_LENGTH, 1)));
    }
  }

  /**
   * The Kafka side: the clients' settings (where to publish, how to authenticate), or the embedded broker
   * to start, how topics are provided, and the producer's bounds.
   */
  public record Kafka(KafkaClientSettings clients, EmbeddedBroker embeddedBroker, int embeddedPort,
                      Path embeddedDataDir, Topics topics, int maxInFlightEvents, long maxInFlightBytes,
                      long healthIntervalMs) {

    /** {@code kafka.embedded.enabled}: auto starts the embedded broker only when no Kafka is named. */
    public enum EmbeddedBroker { AUTO, TRUE, FALSE }

    public String bootstrapServers() {
      return clients.bootstrapServers();
    }

    /** Whether the collector publishes to the embedded development broker ({@code serve} starts it). */
    public boolean embedded() {
      return embeddedBroker == EmbeddedBroker.TRUE || (embeddedBroker == EmbeddedBroker.AUTO && !clients.hasBootstrapServers());
    }

    /** The same settings once the embedded broker listens at {@code servers}: still embedded. */
    public Kafka onEmbeddedBroker(String servers) {
      return new Kafka(clients.withBootstrapServers(servers), EmbeddedBroker.TRUE, embeddedPort, embeddedDataDir,
          topics, maxInFlightEvents, maxInFlightBytes, healthIntervalMs);
    }
  }

  /**
   * How the collector's topics are provided.
   *
   * @param create whether the collector creates missing topics ({@code kafka.topic.create}); under ACLs
   *     that deny Create it only describes them, every {@code checkIntervalMs}, and reports those missing
   */
  public record Topics(boolean create, long checkIntervalMs, int partitions, short replicationFactor) {
  }

  public static CollectorConfig from(Settings s) {
    Server server = Server.from(s);
    Kafka kafka = new Kafka(
        KafkaClientSettingsReader.read(s),
        s.choice(ConfigKeys.KAFKA_EMBEDDED_ENABLED, Kafka.EmbeddedBroker.class),
        port(s, ConfigKeys.KAFKA_EMBEDDED_PORT, 0),
        Path.of(s.string(ConfigKeys.KAFKA_EMBEDDED_DATA_DIR)),
        new Topics(s.bool(ConfigKeys.KAFKA_TOPIC_CREATE), positive(s, ConfigKeys.KAFKA_TOPIC_CHECK_INTERVAL_MS, 100),
            positive(s, ConfigKeys.KAFKA_TOPIC_PARTITIONS, 1), (short) s.integer(ConfigKeys.KAFKA_TOPIC_REPLICATION_FACTOR)),
        positive(s, ConfigKeys.KAFKA_MAX_IN_FLIGHT_EVENTS, 1),
        s.longValue(ConfigKeys.KAFKA_MAX_IN_FLIGHT_BYTES),
        positive(s, ConfigKeys.KAFKA_HEALTH_INTERVAL_MS, 100));
    checkKafkaIsNamed(kafka);
    if (!server.transport().available()) {
      throw new ConfigException(ConfigKeys.SERVER_TRANSPORT.name() + " " + server.transport().key()
          + " is unavailable here (" + server.transport().unavailableBecause() + "); use auto or nio");
    }
    String given = s.string(ConfigKeys.COLLECTOR_ID).trim();
    String id = given.isEmpty() ? hostName() : given;
    SecurityConfig security = SecurityConfigReader.read(s);
    if (server.http2() && !security.tls()) {
      throw new ConfigException(ConfigKeys.SERVER_HTTP2.name() + " true needs TLS: set " + ConfigKeys.TLS_CERT_FILE.name()
          + " and " + ConfigKeys.TLS_KEY_FILE.name() + " (HTTP/2 is offered through ALPN only; clear-text h2c is not served)");
    }
    return new CollectorConfig(server, kafka, id,
        s.choice(ConfigKeys.COLLECTOR_TIMESTAMP_FORMAT, TimestampFormat.class),
        s.choice(ConfigKeys.COLLECTOR_ERROR_BODY_STYLE, ErrorBodyStyle.class),
        RoutingTableReader.read(s), StndDefinedSettingsReader.read(s), StreamingConfigReader.read(s), security,
        new Logging(s.choice(ConfigKeys.LOGGING_FORMAT, Logging.Format.class), s.bool(ConfigKeys.LOGGING_ACCESS_LOG)),
        HvVesConfigReader.read(s, server, id, security));
  }

  public CollectorConfig withKafka(Kafka newKafka) {
    return new CollectorConfig(server, newKafka, collectorId, timestampFormat, errorBodyStyle, routing, stndDefined,
        streaming, security, logging, hvVes);
  }

  private static int positive(Settings s, ConfigKey key, int min) {
    return s.intAtLeast(key, min);
  }

  /** A TCP port (0: any free one), or {@code min} when that means "none"; refused before anything starts. */
  private static int port(Settings s, ConfigKey key, int min) {
    int value = positive(s, key, min);
    if (value > 65_535) {
      throw new ConfigException(key.name() + ": must be a TCP port, at most 65535, found " + value);
    }
    return value;
  }

  /** No Kafka address with the embedded broker off, or both, is refused before anything starts. */
  private static void checkKafkaIsNamed(Kafka kafka) {
    String servers = ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name();
    String env = ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.environmentVariable();
    if (kafka.embeddedBroker() == Kafka.EmbeddedBroker.FALSE && !kafka.clients().hasBootstrapServers()) {
      throw new ConfigException("no Kafka to publish to: set " + servers + " (environment variable " + env
          + ", or serve --kafka-bootstrap HOST:PORT); " + ConfigKeys.KAFKA_EMBEDDED_ENABLED.name()
          + " is false, so no embedded broker is started");
    }
    if (kafka.embeddedBroker() == Kafka.EmbeddedBroker.TRUE && kafka.clients().hasBootstrapServers()) {
      throw new ConfigException(ConfigKeys.KAFKA_EMBEDDED_ENABLED.name() + " is true but " + servers + " names "
          + kafka.bootstrapServers() + ": set one or the other");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "ves-collector";
    }
  }
}
