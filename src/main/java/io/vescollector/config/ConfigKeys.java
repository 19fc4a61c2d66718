package io.vescollector.config;

import java.util.List;

/**
 * Every configuration key the collector reads, with its default and meaning: the one place they are
 * written. docs/CONFIGURATION.md is generated from it, and config/collector.yaml is checked against it.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final ConfigKey SERVER_HOST =
      new ConfigKey("server.host", "0.0.0.0", "Address the VES listener binds to.");
  public static final ConfigKey SERVER_PORT =
      new ConfigKey("server.port", "8080", "Port of the VES listener.");
  public static final ConfigKey SERVER_EVENT_LOOPS =
      new ConfigKey("server.eventLoops", "0", "HTTP event-loop verticles; 0 means one per CPU core.");
  public static final ConfigKey SERVER_MAX_BODY_BYTES =
      new ConfigKey("server.maxBodyBytes", "2097152", "Largest request body accepted (the VES 7.2.1 maximum is 2 MB); larger bodies get 413 POL9003.");
  public static final ConfigKey SERVER_RESPONSE_TIMEOUT_MS =
      new ConfigKey("server.responseTimeoutMs", "10000", "How long a request waits for Kafka's acknowledgement before it is answered 503 SVC1000 (checked every tenth of it, at most every second, so the answer may come that much later).");
  public static final ConfigKey SERVER_RETRY_AFTER_SECONDS =
      new ConfigKey("server.retryAfterSeconds", "5", "Value of the Retry-After header sent with 503 answers.");

  public static final ConfigKey SERVER_MAX_BATCH_EVENTS =
      new ConfigKey("server.maxBatchEvents", "1000", "Most events one eventBatch request may carry; more get 413 POL9003.");
  public static final ConfigKey SERVER_REQUEST_TIMEOUT_MS =
      new ConfigKey("server.requestTimeoutMs", "30000", "Time a client has to send a whole request (headers and body); a slower one gets 408 and is disconnected.");
  public static final ConfigKey SERVER_IDLE_TIMEOUT_SECONDS =
      new ConfigKey("server.idleTimeoutSeconds", "60", "A connection on which nothing is read or written for this long is closed.");
  public static final ConfigKey SERVER_MAX_CONNECTIONS =
      new ConfigKey("server.maxConnections", "10000", "Open client connections at most; a connection beyond it gets 503 SVC1000 and is closed.");
  public static final ConfigKey SERVER_MAX_CONNECTIONS_PER_ADDRESS =
      new ConfigKey("server.maxConnectionsPerAddress", "1000", "Open connections one client address holds at most (the TCP peer, or the PROXY protocol's source with server.proxyProtocol); beyond it a connection gets 503 SVC1000 and is closed. 0 = no per-address bound.");
  public static final ConfigKey SERVER_PROXY_PROTOCOL =
      new ConfigKey("server.proxyProtocol", "false", "Expect a HAProxy PROXY protocol (v1 or v2) header on every connection, as a TCP load balancer sends it: the client address it names is the one bounded, logged and written to receivedFrom. Connections without the header are closed.");
  public static final ConfigKey SERVER_HTTP2 =
      new ConfigKey("server.http2", "false", "Offer HTTP/2 beside HTTP/1.1 on the TLS listener, negotiated through ALPN: a client that sends several requests at once on one connection costs the collector less CPU per event (docs/SECURITY.md). Needs TLS; HTTP/2 in clear text (h2c) is not served.");
  public static final ConfigKey SERVER_HTTP2_MAX_CONCURRENT_STREAMS =
      new ConfigKey("server.http2MaxConcurrentStreams", "16", "Requests one HTTP/2 connection may have open at once (its SETTINGS_MAX_CONCURRENT_STREAMS); each may hold up to server.maxBodyBytes while its body arrives.");
  public static final ConfigKey SERVER_TRANSPORT =
      new ConfigKey("server.transport", "nio", "Network I/O of the event loops (VES, HV-VES and streaming listeners): nio (Java NIO, every platform), epoll, io_uring (Linux; hands the kernel reads and writes in batches: less CPU per HTTP/1.1 event, where the kernel and the container runtime allow it, docs/OPERATIONS.md), or auto (io_uring where it runs, else epoll, else nio).");
  public static final ConfigKey SERVER_SHUTDOWN_GRACE_MS =
      new ConfigKey("server.shutdownGraceMs", "20000", "On SIGTERM: time to finish requests in flight and flush the producer before the process exits.");
  public static final ConfigKey SERVER_MANAGEMENT_PORT =
      new ConfigKey("server.managementPort", "-1", "Port serving /health/* and /metrics without TLS or authentication; -1 = none (they are served on server.port), 0 = any free port.");

  public static final ConfigKey PARSE_MAX_NESTING_DEPTH =
      new ConfigKey("parse.maxNestingDepth", "64", "Deepest JSON nesting accepted (VES events need about ten levels); deeper bodies get 400 SVC0002.");
  public static final ConfigKey PARSE_MAX_STRING_LENGTH =
      new ConfigKey("parse.maxStringLength", "1000000", "Longest JSON string value accepted, in characters.");
  public static final ConfigKey PARSE_MAX_NUMBER_LENGTH =
      new ConfigKey("parse.maxNumberLength", "100", "Longest JSON number accepted, in characters.");

  public static final ConfigKey TLS_CERT_FILE =
      new ConfigKey("tls.certFile", "", "PEM certificate chain of the VES listener; set (with tls.keyFile) to serve HTTPS only.");
  public static final ConfigKey TLS_KEY_FILE =
      new ConfigKey("tls.keyFile", "", "PEM private key (PKCS#8 or PKCS#1) of tls.certFile.");
  public static final ConfigKey TLS_KEY_STORE_FILE =
      new ConfigKey("tls.keyStoreFile", "", "PKCS#12 key store instead of tls.certFile and tls.keyFile.");
  public static final ConfigKey TLS_KEY_STORE_PASSWORD =
      new ConfigKey("tls.keyStorePassword", "", "Password of tls.keyStoreFile (prefer the VES_TLS_KEYSTOREPASSWORD environment variable).");
  public static final ConfigKey TLS_TRUST_FILE =
      new ConfigKey("tls.trustFile", "", "PEM CA certificates that client certificates must chain to (auth.method cert or certOrBasic).");
  public static final ConfigKey TLS_ENGINE =
      new ConfigKey("tls.engine", "auto", "TLS implementation of the VES and HV-VES listeners: openssl (BoringSSL through netty-tcnative, Linux x86-64; a handshake costs a fraction of the JDK's CPU), jdk, or auto (openssl where it loads, else jdk).");
  public static final ConfigKey TLS_RELOAD_INTERVAL_MS =
      new ConfigKey("tls.reloadIntervalMs", "60000", "How often the certificate and key files are checked for changes; changed files are loaded without a restart. 0 = never.");

  public static final ConfigKey AUTH_METHOD =
      new ConfigKey("auth.method", "none", "none, basic (auth.users), cert (client certificate whose subject matches auth.certSubjectPattern) or certOrBasic. Anything but none requires TLS.");
  public static final ConfigKey AUTH_CERT_SUBJECT_PATTERN =
      new ConfigKey("auth.certSubjectPattern", ".*", "Regular expression a client certificate's subject DN (RFC 2253, e.g. CN=pnf-1,O=Acme) must match in full; use | for several.");
  public static final ConfigKey AUTH_MAX_FAILURES_PER_ADDRESS =
      new ConfigKey("auth.maxFailuresPerAddress", "10", "Failed Basic authentications one client address may have within auth.failureWindowSeconds; past it the address gets 429 POL0001 with Retry-After, and no password check, until the window ends. 0 = no limit.");
  public static final ConfigKey AUTH_FAILURE_WINDOW_SECONDS =
      new ConfigKey("auth.failureWindowSeconds", "300", "Window in which an address's failures (and a user name's, for auth.maxFailureDelayMs) are counted; it opens at the first failure.");
  public static final ConfigKey AUTH_MAX_FAILURE_DELAY_MS =
      new ConfigKey("auth.maxFailureDelayMs", "4000", "Failure answers for a user name (existing or not) that keeps failing are held back 100 ms from its second failure in the window, doubling up to this; a right password is never held back. 0 = never.");
  public static final ConfigKey AUTH_BCRYPT_THREADS =
      new ConfigKey("auth.bcryptThreads", "0", "Threads that check Basic passwords with bcrypt; 0 = half the CPU cores, at least 1. The event loops and Vert.x workers never run bcrypt.");
  public static final ConfigKey AUTH_BCRYPT_QUEUE =
      new ConfigKey("auth.bcryptQueue", "32", "Password checks that may wait for a bcrypt thread; a request that finds the queue full gets 503 SVC1000 with Retry-After at once.");

  public static final ConfigKey KAFKA_BOOTSTRAP_SERVERS =
      new ConfigKey("kafka.bootstrapServers", "", "Kafka bootstrap servers (host:port,...). Empty: start the embedded single-node broker.");
  public static final ConfigKey KAFKA_EMBEDDED_ENABLED =
      new ConfigKey("kafka.embedded.enabled", "auto", "The embedded single-node broker, for development only: auto (started when kafka.bootstrapServers is empty), true, or false (an empty kafka.bootstrapServers stops start-up).");
  public static final ConfigKey KAFKA_EMBEDDED_PORT =
      new ConfigKey("kafka.embedded.port", "9092", "Port of the embedded broker on 127.0.0.1.");
  public static final ConfigKey KAFKA_EMBEDDED_DATA_DIR =
      new ConfigKey("kafka.embedded.dataDir", "./data", "Log directory of the embedded broker; kept across restarts.");
  public static final ConfigKey KAFKA_TOPIC_CREATE =
      new ConfigKey("kafka.topic.create", "true", "Create missing topics (true), or only check that they exist (false, for clusters whose ACLs deny Create): a missing topic is listed by /health/ready and its events get 503 SVC1000 naming it.");
  public static final ConfigKey KAFKA_TOPIC_CHECK_INTERVAL_MS =
      new ConfigKey("kafka.topic.checkIntervalMs", "30000", "How often the mapped topics are described (kafka.topic.create false), and topics whose creation was refused are tried again (true).");
  public static final ConfigKey KAFKA_TOPIC_PARTITIONS =
      new ConfigKey("kafka.topic.partitions", "3", "Partitions of a topic the collector creates on first use.");
  public static final ConfigKey KAFKA_TOPIC_REPLICATION_FACTOR =
      new ConfigKey("kafka.topic.replicationFactor", "-1", "Replication factor of topics the collector creates; -1 means the broker's default.");
  public static final ConfigKey KAFKA_MAX_IN_FLIGHT_EVENTS =
      new ConfigKey("kafka.maxInFlightEvents", "100000", "Events sent to Kafka and not yet acknowledged, at most; beyond it requests get 503 SVC1000 at once.");
  public static final ConfigKey KAFKA_MAX_IN_FLIGHT_BYTES =
      new ConfigKey("kafka.maxInFlightBytes", "67108864", "Bytes of records sent to Kafka and not yet acknowledged, at most; kept below the producer's buffer.memory so send never blocks on memory.");
  public static final ConfigKey KAFKA_HEALTH_INTERVAL_MS =
      new ConfigKey("kafka.healthIntervalMs", "2000", "How often readiness asks the Kafka cluster whether it is reachable.");

  public static final ConfigKey COLLECTOR_ID =
      new ConfigKey("collector.id", "", "Value of internalHeaderFields.collectorId; empty means the host name.");
  public static final ConfigKey COLLECTOR_TIMESTAMP_FORMAT =
      new ConfigKey("collector.timestampFormat", "rfc3339", "internalHeaderFields.collectorTimeStamp format: rfc3339 (UTC, milliseconds) or onap (ONAP's 'EEE, MM dd yyyy hh:mm:ss z').");
  public static final ConfigKey COLLECTOR_ERROR_BODY_STYLE =
      new ConfigKey("collector.errorBodyStyle", "spec", "Error body keys: spec (serviceException) or onap (ServiceException, as ONAP's collector writes them).");

  public static final ConfigKey ROUTING_UNMAPPED_NAMESPACE =
      new ConfigKey("routing.unmappedNamespace", "fallback", "A stndDefined namespace with no topic: fallback (to routing.fallbackTopic) or reject (400 SVC2004).");
  public static final ConfigKey ROUTING_FALLBACK_TOPIC =
      new ConfigKey("routing.fallbackTopic", "unauthenticated.SEC_STNDDEFINED_OUTPUT", "Topic for stndDefined events whose namespace has no topic of its own.");
  public static final ConfigKey ROUTING_REJECTED_TOPIC =
      new ConfigKey("routing.rejectedTopic", "", "Topic receiving a copy of each request the VES listener refuses for its content (4xx) and of each HV-VES frame dropped as invalid or unroutable, with the reason in headers; empty = off.");

  public static final ConfigKey STND_DEFINED_ENABLED =
      new ConfigKey("stndDefined.enabled", "true", "Check stndDefinedFields.data against the 3GPP schema its schemaReference names.");
  public static final ConfigKey STND_DEFINED_SCHEMAS_DIRECTORY =
      new ConfigKey("stndDefined.schemasDirectory", "./3gpp-schemas", "Directory holding the 3GPP OpenAPI files (not shipped: 3GPP copyright); with no schema file in it, stndDefined data is checked against the VES schema only (serve warns at start-up, validate after its verdicts); otherwise a reference the set lacks gets 400 SVC2004.");
  public static final ConfigKey STND_DEFINED_SCHEMA_MAP_FILE =
      new ConfigKey("stndDefined.schemaMapFile", "config/stnd-defined-schema-map.yaml", "Public schema URL prefix -> path under stndDefined.schemasDirectory; the bundled copy is used when the default file is absent.");
  public static final ConfigKey STND_DEFINED_MISSING_SCHEMA_REFERENCE =
      new ConfigKey("stndDefined.missingSchemaReference", "accept", "A stndDefined event without schemaReference: accept (VES schema only, as ONAP) or reject (400 SVC2006).");
  public static final ConfigKey STND_DEFINED_PRELOAD =
      new ConfigKey("stndDefined.preload", "notifications", "Schemas serve compiles at start-up: notifications (Notify*), all, or none; others compile on first use.");
  public static final ConfigKey STREAMING_ENABLED =
      new ConfigKey("streaming.enabled", "true", "Serve the TS 28.532 streaming target ({root}/StreamingDataReportingMnS/v<n>/connections) on the VES listener.");
  public static final ConfigKey STREAMING_ROOT =
      new ConfigKey("streaming.root", "", "MnS root path before /StreamingDataReportingMnS (TS 32.158 MnSRoot), e.g. /3GPPManagement; empty = none.");
  public static final ConfigKey STREAMING_CONNECTIONS_TOPIC =
      new ConfigKey("streaming.connectionsTopic", "3gpp.streaming.connections", "Compacted topic holding the streaming connections, shared by every collector of the fleet.");
  public static final ConfigKey STREAMING_TOPIC_PERFORMANCE =
      new ConfigKey("streaming.topics.performance", "3gpp.streaming.performance", "Topic of PERFORMANCE stream units (decoded GPB units as JSON with named values).");
  public static final ConfigKey STREAMING_TOPIC_TRACE =
      new ConfigKey("streaming.topics.trace", "3gpp.streaming.trace", "Topic of TRACE stream units (passed through as bytes).");
  public static final ConfigKey STREAMING_TOPIC_ANALYTICS =
      new ConfigKey("streaming.topics.analytics", "3gpp.streaming.analytics", "Topic of ANALYTICS stream units (passed through as bytes).");
  public static final ConfigKey STREAMING_TOPIC_PROPRIETARY =
      new ConfigKey("streaming.topics.proprietary", "3gpp.streaming.proprietary", "Topic of PROPRIETARY stream units (passed through as bytes).");
  public static final ConfigKey STREAMING_MAX_PENDING_UNITS =
      new ConfigKey("streaming.maxPendingUnits", "1000", "Units of one WebSocket waiting for Kafka at most; beyond it the socket stops reading (TCP back-pressure).");
  public static final ConfigKey STREAMING_ADMIN_PRINCIPAL =
      new ConfigKey("streaming.adminPrincipal", "", "Principal (user name or certificate subject DN) that sees and manages every streaming connection; any other sees only those it established. Empty: none.");
  public static final ConfigKey STREAMING_MAX_CONNECTIONS =
      new ConfigKey("streaming.maxConnections", "10000", "Streaming connections the fleet holds at most (every collector keeps them all in memory); beyond it establishing one gets 503.");
  public static final ConfigKey STREAMING_MAX_CONNECTIONS_PER_PRINCIPAL =
      new ConfigKey("streaming.maxConnectionsPerPrincipal", "100", "Streaming connections one authenticated principal holds at most (the admin principal has no such bound); beyond it establishing one gets 403.");
  public static final ConfigKey STREAMING_MAX_STREAMS_PER_CONNECTION =
      new ConfigKey("streaming.maxStreamsPerConnection", "256", "Streams one streaming connection has at most; a streamInfo beyond it is refused.");
  public static final ConfigKey STREAMING_SYNC_TIMEOUT_MS =
      new ConfigKey("streaming.syncTimeoutMs", "5000", "How long a collector waits to catch up with the connections topic before answering 503.");

  public static final ConfigKey HV_VES_ENABLED =
      new ConfigKey("hvVes.enabled", "false", "Serve ONAP's high-volume VES (HV-VES): WTP 1.0 frames of protobuf VesEvents over TCP on hvVes.port, published by hvVes.routes. TLS follows tls.*; unless auth.method is none, a client needs a certificate (trusted by tls.trustFile) whose subject matches auth.certSubjectPattern.");
  public static final ConfigKey HV_VES_PORT =
      new ConfigKey("hvVes.port", "6061", "Port of the HV-VES listener (ONAP's), on server.host; 0 = any free port.");
  public static final ConfigKey HV_VES_IDLE_TIMEOUT_SECONDS =
      new ConfigKey("hvVes.idleTimeoutSeconds", "60", "An HV-VES connection that sends nothing for this long is closed (not while the collector has stopped reading it because Kafka is behind).");
  public static final ConfigKey HV_VES_MAX_PAYLOAD_BYTES =
      new ConfigKey("hvVes.maxPayloadBytes", "1048576", "Largest WTP payload (ONAP's 1 MiB, equality included); a frame announcing more closes its connection. At most server.maxBodyBytes, which sizes the producer's requests.");
  public static final ConfigKey HV_VES_MAX_CONNECTIONS =
      new ConfigKey("hvVes.maxConnections", "10000", "Open HV-VES connections at most; one more is closed at once (hvves_clients_rejected_cause_total{cause=\"connection_limit\"}).");
  public static final ConfigKey HV_VES_MAX_IN_FLIGHT_PER_CONNECTION =
      new ConfigKey("hvVes.maxInFlightPerConnection", "256", "Events of one HV-VES connection waiting for Kafka at most; at the bound (or at kafka.maxInFlightEvents for the whole collector) the connection is not read until Kafka acknowledges some (TCP back-pressure).");

  public static final ConfigKey LOGGING_FORMAT =
      new ConfigKey("logging.format", "text", "text (one line per message, for people) or json (one JSON object a line, Elastic Common Schema fields, for log collectors).");
  public static final ConfigKey LOGGING_ACCESS_LOG =
      new ConfigKey("logging.accessLog", "false", "One line per HTTP request on the VES listener (logger io.vescollector.access): request id, method, path, status, bytes sent, duration, client address.");

  /** Keys under these prefixes are free-form maps (domain or namespace to topic; Kafka client properties). */
  public static final String ROUTING_DOMAINS = "routing.domains";
  public static final String ROUTING_NAMESPACES = "routing.stndDefinedNamespaces";
  public static final String KAFKA_COMMON = "kafka.common";
  public static final String KAFKA_PRODUCER = "kafka.producer";
  public static final String KAFKA_ADMIN = "kafka.admin";
  public static final String KAFKA_CONSUMER = "kafka.consumer";
  public static final String AUTH_USERS = "auth.users";
  public static final String AUTH_SOURCES = "auth.sources";
  public static final String HV_VES_ROUTES = "hvVes.routes";

  /** The free-form maps, each with what its entries mean; their default entries are in config/collector.yaml. */
  public static final List<ConfigKey> MAPS = List.of(
      new ConfigKey(ROUTING_DOMAINS, "ONAP's topics", "Domain -> Kafka topic. A domain without an entry goes to unauthenticated.SEC_<DOMAIN>_OUTPUT, ONAP's naming."),
      new ConfigKey(ROUTING_NAMESPACES, "the four 3GPP namespaces", "stndDefined namespace (commonEventHeader.stndDefinedNamespace) -> Kafka topic; others follow routing.unmappedNamespace."),
      new ConfigKey(KAFKA_COMMON, "", "Any Kafka client property, for every client: the producer, the admin client, the consumers and the tools' --kafka-config (security.protocol, SASL, TLS, config.providers so that secrets are read from mounted files with ${file:...} or ${dir:...})."),
      new ConfigKey(KAFKA_PRODUCER, "", "Producer properties over kafka.common. The collector's own defaults: acks=all, idempotence, linger.ms 1, compression.type lz4. max.block.ms is always 0 (event loops send); a value here is how long a new topic's metadata is waited for (default 10000)."),
      new ConfigKey(KAFKA_ADMIN, "", "Admin client properties over kafka.common (readiness, topics)."),
      new ConfigKey(KAFKA_CONSUMER, "", "Consumer properties over kafka.common (the streaming connections store)."),
      new ConfigKey(AUTH_USERS, "", "User name -> bcrypt hash of the password (print one with ./ves hash-password)."),
      new ConfigKey(AUTH_SOURCES, "", "Principal (user name or certificate subject DN) -> regular expression of the sourceNames it may send; others get 403. A principal without an entry may send any."),
      new ConfigKey(HV_VES_ROUTES, "ONAP's HV-VES routes", "HV-VES domain, or stndDefined namespace for domain stndDefined, -> Kafka topic (exact, case-sensitive match, as ONAP); events matching no entry are dropped (hvves_messages_dropped_cause_total{cause=\"routing\"})."));

  public static final List<ConfigKey> ALL = List.of(
      SERVER_HOST, SERVER_PORT, SERVER_EVENT_LOOPS, SERVER_MAX_BODY_BYTES, SERVER_RESPONSE_TIMEOUT_MS,
      SERVER_RETRY_AFTER_SECONDS, SERVER_MAX_BATCH_EVENTS, SERVER_REQUEST_TIMEOUT_MS, SERVER_IDLE_TIMEOUT_SECONDS,
      SERVER_MAX_CONNECTIONS, SERVER_MAX_CONNECTIONS_PER_ADDRESS, SERVER_PROXY_PROTOCOL, SERVER_HTTP2,
      SERVER_HTTP2_MAX_CONCURRENT_STREAMS, SERVER_TRANSPORT, SERVER_SHUTDOWN_GRACE_MS,
      SERVER_MANAGEMENT_PORT,
      PARSE_MAX_NESTING_DEPTH, PARSE_MAX_STRING_LENGTH, PARSE_MAX_NUMBER_LENGTH,
      TLS_CERT_FILE, TLS_KEY_FILE, TLS_KEY_STORE_FILE, TLS_KEY_STORE_PASSWORD, TLS_TRUST_FILE, TLS_ENGINE, TLS_RELOAD_INTERVAL_MS,
      AUTH_METHOD, AUTH_CERT_SUBJECT_PATTERN, AUTH_MAX_FAILURES_PER_ADDRESS, AUTH_FAILURE_WINDOW_SECONDS,
      AUTH_MAX_FAILURE_DELAY_MS, AUTH_BCRYPT_THREADS, AUTH_BCRYPT_QUEUE, KAFKA_BOOTSTRAP_SERVERS,
      KAFKA_EMBEDDED_ENABLED, KAFKA_EMBEDDED_PORT, KAFKA_EMBEDDED_DATA_DIR, KAFKA_TOPIC_CREATE,
      KAFKA_TOPIC_CHECK_INTERVAL_MS, KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION_FACTOR, KAFKA_MAX_IN_FLIGHT_EVENTS,
      KAFKA_MAX_IN_FLIGHT_BYTES, KAFKA_HEALTH_INTERVAL_MS, COLLECTOR_ID, COLLECTOR_TIMESTAMP_FORMAT,
      COLLECTOR_ERROR_BODY_STYLE, ROUTING_UNMAPPED_NAMESPACE, ROUTING_FALLBACK_TOPIC, ROUTING_REJECTED_TOPIC,
      STND_DEFINED_ENABLED, STND_DEFINED_SCHEMAS_DIRECTORY, STND_DEFINED_SCHEMA_MAP_FILE,
      STND_DEFINED_MISSING_SCHEMA_REFERENCE, STND_DEFINED_PRELOAD,
      STREAMING_ENABLED, STREAMING_ROOT, STREAMING_CONNECTIONS_TOPIC, STREAMING_TOPIC_PERFORMANCE,
      STREAMING_TOPIC_TRACE, STREAMING_TOPIC_ANALYTICS, STREAMING_TOPIC_PROPRIETARY, STREAMING_MAX_PENDING_UNITS,
      STREAMING_ADMIN_PRINCIPAL, STREAMING_MAX_CONNECTIONS, STREAMING_MAX_CONNECTIONS_PER_PRINCIPAL,
      STREAMING_MAX_STREAMS_PER_CONNECTION, STREAMING_SYNC_TIMEOUT_MS, HV_VES_ENABLED, HV_VES_PORT,
      HV_VES_IDLE_TIMEOUT_SECONDS, HV_VES_MAX_PAYLOAD_BYTES, HV_VES_MAX_CONNECTIONS,
      HV_VES_MAX_IN_FLIGHT_PER_CONNECTION, LOGGING_FORMAT, LOGGING_ACCESS_LOG);

  public static final List<String> MAP_PREFIXES = MAPS.stream().map(ConfigKey::name).toList();
}
