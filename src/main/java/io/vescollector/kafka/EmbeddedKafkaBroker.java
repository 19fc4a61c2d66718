package io.vescollector.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka 4.4 KRaft node (combined broker and controller roles) running inside this JVM and listening only
 * on 127.0.0.1: by default a single-node cluster, or one node of a multi-node cluster ({@link ClusterNode}).
 *
 * <p>It exists so that the collector can be developed, demonstrated and integration-tested against a real Kafka
 * without Docker or a separately installed broker: {@code serve} without a bootstrap address, the {@code broker}
 * command and the test kit use a single node; the fault harness runs three {@code broker} processes as one cluster
 * with three replicas. It is not meant for production (loopback only, and secured only as far as a test configures
 * it through {@link BrokerExtras}).
 *
 * <p>The data directory is used directly as Kafka's {@code log.dirs} and must be dedicated to the broker (Kafka treats
 * every sub-directory as a partition). It is formatted on first use only, so a persistent directory keeps its cluster
 * id and records across runs. {@link #stop()} and {@link #restart()} keep port and data, for outage tests.
 *
 * <p>A single node can also be given {@link BrokerExtras}: listeners besides PLAINTEXT, each on a port of its own,
 * and properties over the defaults, so that tests can run it as a secured cluster is run (SASL_SSL and SSL listeners,
 * the standard authorizer with ACLs). Without them it behaves exactly as before.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final int SINGLE_NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int PORT_ATTEMPTS = 5;

  private final Path dataDir;
  private final boolean tempDir;
  private final int numPartitions;
  private final ClusterNode cluster; // null: a single node with a controller port of its own choosing
  private final ReplicationDefaults replication;
  private final BrokerExtras extras;
  private final Map<String, Integer> extraPorts = new LinkedHashMap<>(); // listener name -> port, once picked
  private int port;
  private int controllerPort;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(Path dataDir, boolean tempDir, int port, int numPartitions, ClusterNode cluster,
                              ReplicationDefaults replication, BrokerExtras extras) {
    this.extras = extras;
    this.dataDir = dataDir;
    this.tempDir = tempDir;
    this.port = port;
    this.numPartitions = numPartitions;
    this.cluster = cluster;
    this.replication = replication;
    this.controllerPort = cluster == null ? 0 : cluster.controllerPort();
  }

  /**
   * Formats (if needed) and starts a broker; returns once it accepts clients.
   *
   * @param port          broker port on 127.0.0.1; 0 picks a free port
   * @param dataDir       Kafka log directory (created if missing); null uses a temp dir deleted on {@link #close()}
   * @param numPartitions default partition count of auto-created topics
   * @throws IOException if the port is taken, the directory is unusable or the broker fails to start
   */
  public static EmbeddedKafkaBroker start(int port, Path dataDir, int numPartitions) throws IOException {
    return start(port, dataDir, numPartitions, null, ReplicationDefaults.SINGLE_NODE, BrokerExtras.NONE);
  }

  /**
   * Formats (if needed) and starts a single node with extra listeners and properties over the defaults; returns once
   * it accepts clients on every listener. The extra listeners' ports are picked here ({@link #bootstrapServers(String)}).
   *
   * @param port          PLAINTEXT port on 127.0.0.1; 0 picks a free port
   * @param dataDir       Kafka log directory (created if missing); null uses a temp dir deleted on {@link #close()}
   * @param numPartitions default partition count of auto-created topics
   * @param extras        listeners besides PLAINTEXT and CONTROLLER, and broker properties set after the defaults
   * @throws IOException if a port is taken, the directory is unusable or the broker fails to start (for example
   *                     on a property Kafka refuses)
   */
  public static EmbeddedKafkaBroker start(int port, Path dataDir, int numPartitions, BrokerExtras extras)
      throws IOException {
    return start(port, dataDir, numPartitions, null, ReplicationDefaults.SINGLE_NODE, extras);
  }

  /**
   * Formats (if needed) and starts one node of a multi-node cluster on its fixed ports; returns once it serves
   * clients, which needs a majority of the voters running.
   *
   * @param port        broker port on 127.0.0.1 (the controller port is the node's voter entry)
   * @param dataDir     this node's own log directory; null uses a temp dir deleted on {@link #close()}
   * @param cluster     node id, voters and the shared cluster id
   * @param replication replication factor and {@code min.insync.replicas} of created and internal topics
   * @throws IOException if a port is taken, the directory belongs to another cluster or node, or the start fails
   */
  public static EmbeddedKafkaBroker startClusterNode(int port, Path dataDir, int numPartitions, ClusterNode cluster,
                                                     ReplicationDefaults replication) throws IOException {
    if (port == 0) {
      throw new IllegalArgumentException("a cluster node needs a fixed broker port");
    }
    replication.checkedFor(cluster.voters().size());
    if (cluster.voters().stream().anyMatch(v -> v.port() == port)) {
      throw new IllegalArgumentException("broker port " + port + " is also a controller port in " + cluster.quorumVoters());
    }
    return start(port, dataDir, numPartitions, cluster, replication, BrokerExtras.NONE);
  }

  private static EmbeddedKafkaBroker start(int port, Path dataDir, int numPartitions, ClusterNode cluster,
                                           ReplicationDefaults replication, BrokerExtras extras) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (numPartitions < 1) {
      throw new IllegalArgumentException("numPartitions must be >= 1: " + numPartitions);
    }
    if (port != 0 && !isFree(port)) {
      throw new IOException(portTakenMessage(port));
    }
    boolean temp = dataDir == null;
    Path dir = temp ? Files.createTempDirectory("ves-kafka-") : Files.createDirectories(dataDir.toAbsolutePath());
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, temp, port, numPartitions, cluster, replication, extras);
    try {
      broker.formatIfNeeded();
      broker.startServer(port == 0);
      return broker;
    } catch (IOException | RuntimeException | Error e) {
      broker.close();
      throw e;
    }
  }

  /** {@code "127.0.0.1:<port>"}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /**
   * {@code "127.0.0.1:<port>"} of a listener: {@code PLAINTEXT} (as {@link #bootstrapServers()}) or one of the
   * {@link BrokerExtras} listeners.
   *
   * @throws IllegalArgumentException for a listener this broker does not have
   */
  public synchronized String bootstrapServers(String listenerName) {
    if (listenerName.equalsIgnoreCase("PLAINTEXT")) {
      return bootstrapServers();
    }
    Integer p = extraPorts.get(listenerName);
    if (p == null) {
      throw new IllegalArgumentException("no listener '" + listenerName + "' on this broker; it has PLAINTEXT"
          + (extraPorts.isEmpty() ? "" : " and " + String.join(", ", extraPorts.keySet())));
    }
    return HOST + ":" + p;
  }

  /** The KRaft controller port (a single node's may change between runs; the voters are static configuration). */
  int controllerPort() {
    return controllerPort;
  }

  /** The Kafka log directory. */
  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker but keeps its port and data dir, so that {@link #restart()} can bring it back. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long t0 = System.nanoTime();
    KafkaRaftServer s = server;
    server = null;
    s.shutdown();
    s.awaitShutdown();
    LOG.info("Embedded Kafka broker on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Starts the broker again on the same port and data dir after {@link #stop()}; no-op if it is running. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("Embedded Kafka broker is closed");
    }
    if (server != null) {
      return;
    }
    try {
      startServer(false); // same port: clients keep their bootstrap address
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** Stops the broker and deletes the data dir if it is a temp dir this class created. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      if (tempDir) {
        deleteRecursively(dataDir);
      }
    }
  }

  // --- start-up -------------------------------------------------------------------------------------------

  /**
   * Kafka 4 refuses an unformatted log dir; a formatted one (meta.properties) keeps its cluster id. A cluster
   * node's directory must carry its cluster's id and its own node id: one left from another cluster would
   * otherwise start and be refused by its peers.
   */
  private void formatIfNeeded() throws IOException {
    Path meta = dataDir.resolve("meta.properties");
    if (Files.exists(meta)) {
      if (cluster != null) {
        checkFormattedFor(meta);
      }
      return;
    }
    String dir = dataDir.toString();
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(cluster == null ? Uuid.randomUuid().toString() : cluster.clusterId())
          .setNodeId(nodeId())
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new IOException("Could not format Kafka data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private void checkFormattedFor(Path meta) throws IOException {
    Properties formatted = new Properties();
    try (var in = Files.newInputStream(meta)) {
      formatted.load(in);
    }
    String id = formatted.getProperty("cluster.id");
    String node = formatted.getProperty("node.id");
    if (!cluster.clusterId().equals(id) || !String.valueOf(cluster.nodeId()).equals(node)) {
      throw new IOException("Kafka data dir " + dataDir + " belongs to cluster " + id + " node " + node
          + ", not to cluster " + cluster.clusterId() + " node " + cluster.nodeId() + "; give this node a directory of its own");
    }
  }

  private int nodeId() {
    return cluster == null ? SINGLE_NODE_ID : cluster.nodeId();
  }

  /**
   * Starts a KafkaRaftServer. With {@code pickPort} (first start with port 0) the broker port is picked here and
   * re-picked if another process grabs it meanwhile; otherwise it is fixed.
   */
  private void startServer(boolean pickPort) throws IOException {
    long t0 = System.nanoTime();
    boolean fixedPort = !pickPort;
    for (int attempt = 1; ; attempt++) {
      if (pickPort && (port == 0 || !isFree(port))) {
        port = freePort();
      }
      if (fixedPort && !isFree(port)) {
        throw new IOException(portTakenMessage(port));
      }
      if (cluster != null && !isFree(controllerPort)) {
        throw new IOException(portTakenMessage(controllerPort));
      }
      // A single node's controller port is not persisted: with static controller.quorum.voters a new one works on restart.
      if (cluster == null && (controllerPort == 0 || controllerPort == port || !isFree(controllerPort))) {
        do {
          controllerPort = freePort();
        } while (controllerPort == port);
      }
      placeExtraListeners(pickPort);
      KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(config()), Time.SYSTEM);
      try {
        s.startup();
        server = s;
        LOG.info("Embedded Kafka broker ready on {}{} (data dir {}) in {} ms", bootstrapServers(),
            extraPorts.isEmpty() ? "" : " and " + extraPorts, dataDir, (System.nanoTime() - t0) / 1_000_000);
        return;
      } catch (RuntimeException e) {
        // A failed broker start can leave the controller half running: shut everything down.
        shutdownQuietly(s);
        boolean bind = isBindFailure(e);
        if (bind && fixedPort && !isFree(port)) {
          throw new IOException(portTakenMessage(port), e);
        }
        if (!bind || attempt >= PORT_ATTEMPTS || cluster != null) {
          throw new IOException("Embedded Kafka broker failed to start on " + bootstrapServers()
              + " (controller port " + controllerPort + ", data dir " + dataDir + "): " + e.getMessage(), e);
        }
        LOG.warn("Embedded Kafka broker: port race on start-up, retrying ({})", e.getMessage());
        controllerPort = 0;
      }
    }
  }

  /**
   * Gives each extra listener a free port, distinct from the broker's and from each other's, on the first start (and
   * again on a port race then); afterwards its port is fixed like the broker's and must still be free.
   */
  private void placeExtraListeners(boolean pick) throws IOException {
    Set<Integer> taken = new HashSet<>(List.of(port, controllerPort));
    for (String name : extras.listeners().keySet()) {
      Integer p = extraPorts.get(name);
      if (p != null && !pick && !isFree(p)) {
        throw new IOException(portTakenMessage(p));
      }
      if (p == null || (pick && (taken.contains(p) || !isFree(p)))) {
        do {
          p = freePort();
        } while (taken.contains(p));
      }
      taken.add(p);
      extraPorts.put(name, p);
    }
  }

  private Properties config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(nodeId()));
    p.put("controller.quorum.voters", cluster == null ? SINGLE_NODE_ID + "@" + HOST + ":" + controllerPort
        : cluster.quorumVoters());
    String extraListeners = extraPorts.entrySet().stream()
        .map(e -> "," + e.getKey() + "://" + HOST + ":" + e.getValue()).collect(Collectors.joining());
    String extraProtocols = extras.listeners().entrySet().stream()
        .map(e -> "," + e.getKey() + ":" + e.getValue().toUpperCase(Locale.ROOT)).collect(Collectors.joining());
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + extraListeners + "," + CONTROLLER_LISTENER + "://" + HOST
        + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port + extraListeners);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT" + extraProtocols);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("auto.create.topics.enable", "true");
    p.put("num.partitions", String.valueOf(numPartitions));
    String rf = String.valueOf(replication.replicationFactor());
    String minIsr = String.valueOf(replication.minInsyncReplicas());
    p.put("default.replication.factor", rf);
    p.put("min.insync.replicas", minIsr);
    p.put("unclean.leader.election.enable", "false");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Internal topics as replicated as the data; fewer partitions start faster.
    p.put("offsets.topic.replication.factor", rf);
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", rf);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", rf);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("share.coordinator.state.topic.num.partitions", "5");
    // A development broker must not fill the disk or the heap.
    p.put("log.retention.hours", "24");
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    // Room for the largest VES request (2 MB) in one record batch.
    p.put("message.max.bytes", String.valueOf(4 * 1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)); // default 128 MiB of heap
    p.putAll(extras.properties());
    return p;
  }

  // --- helpers --------------------------------------------------------------------------------------------

  private static String portTakenMessage(int port) {
    return "Cannot start embedded Kafka broker: port " + HOST + ":" + port
        + " is already in use (another Kafka or process?). Choose another port or 0 for a free one.";
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true); // as Kafka's acceptor: TIME_WAIT leftovers of a stopped broker do not count
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return s.getLocalPort();
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("Address already in use") || m.contains("failed to bind"))) {
        return true;
      }
    }
    return false;
  }

  private static void shutdownQuietly(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.debug("Ignoring error while shutting down a failed embedded Kafka broker", e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete embedded Kafka temp dir {}: {}", root, e.toString());
    }
  }
}
