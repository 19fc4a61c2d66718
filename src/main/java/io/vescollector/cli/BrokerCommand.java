package io.vescollector.cli;

import io.vescollector.kafka.ClusterNode;
import io.vescollector.kafka.EmbeddedKafkaBroker;
import io.vescollector.kafka.ReplicationDefaults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A standalone Kafka broker for development, the same one {@code serve} embeds: a single node by default, or
 * one node of a multi-node cluster on loopback (each node its own process, all run with the same voters), so
 * that replication and broker faults can be tried on one machine. SIGTERM stops it with a controlled shutdown.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run an Apache Kafka 4.4.0 broker (KRaft, broker and controller in one process) on 127.0.0.1 "
        + "for development: a single node, or with --voters one node of a multi-node cluster.",
        "A three-node cluster (one command per node, each with its own --node-id, --port and --data-dir):",
        "  ves broker --node-id 1 --port 19092 --data-dir data/1 --voters 1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097",
        "SIGTERM stops a node cleanly (controlled shutdown: its partitions' leadership moves first)."})
public final class BrokerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "9092", description = "Broker (client) port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", defaultValue = "./data",
      description = "Log directory, one per node (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions of auto-created topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--node-id", description = "This node's id, one of the --voters (default: 1).")
  Integer nodeId;

  @Option(names = {"--voters", "--controller-quorum-voters"}, paramLabel = "ID@127.0.0.1:PORT,...",
      description = "Every node of the cluster as id@host:controller-port (controller.quorum.voters); this node's "
          + "entry gives its controller port. Without it: a single node with a controller port of its own.")
  String voters;

  @Option(names = "--cluster-id", description = "The cluster id all nodes are formatted with (default: derived from --voters, "
      + "so nodes started with the same voters agree).")
  String clusterId;

  @Option(names = "--replication-factor", description = "default.replication.factor, and the internal topics' "
      + "(default: 1 for a single node, else the number of voters up to 3).")
  Short replicationFactor;

  @Option(names = "--min-insync-replicas", description = "min.insync.replicas (default: 1, or 2 with a replication "
      + "factor of 3 or more). Unclean leader election is always off.")
  Short minInsyncReplicas;

  @Option(names = "--shutdown-timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "D",
      description = "How long SIGTERM waits for the controlled shutdown; a node that cannot get one (no controller "
          + "majority, as the last nodes of a cluster) then stops without it, as after a crash (default: ${DEFAULT-VALUE}).")
  Duration shutdownTimeout;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafkaBroker broker;
    String role;
    if (voters == null) {
      if ((nodeId != null && nodeId != 1) || clusterId != null) {
        throw new ParameterException(spec.commandLine(), "--node-id and --cluster-id need --voters");
      }
      if ((replicationFactor != null && replicationFactor != 1) || (minInsyncReplicas != null && minInsyncReplicas != 1)) {
        throw new ParameterException(spec.commandLine(), "a single node holds one replica; --voters forms a cluster");
      }
      broker = start(() -> EmbeddedKafkaBroker.start(port, dataDir, partitions));
      role = "single node";
    } else {
      ClusterNode node;
      ReplicationDefaults replication;
      try {
        node = ClusterNode.parse(nodeId == null ? 1 : nodeId, voters, clusterId);
        short rf = replicationFactor != null ? replicationFactor
            : ReplicationDefaults.forCluster(node.voters().size()).replicationFactor();
        replication = new ReplicationDefaults(rf,
            minInsyncReplicas != null ? minInsyncReplicas : ReplicationDefaults.minInsyncFor(rf));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      broker = start(() -> EmbeddedKafkaBroker.startClusterNode(port, dataDir, partitions, node, replication));
      role = "node " + node.nodeId() + " of cluster " + node.clusterId() + " (voters " + node.quorumVoters()
          + ", replication factor " + replication.replicationFactor() + ", min.insync.replicas "
          + replication.minInsyncReplicas() + ")";
    }
    if (broker == null) {
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopWithin(broker);
      stopped.countDown();
    }, "broker-shutdown"));
    System.out.println("Kafka broker listening on " + broker.bootstrapServers() + ", " + role + " (data in "
        + dataDir + "); Ctrl-C stops it");
    stopped.await();
    return 0;
  }

  /**
   * Stops the node, bounded: Kafka waits up to five minutes for a controlled shutdown that no controller can
   * grant once the majority is gone, which would hold Ctrl-C on the last node of a cluster that long. Past the
   * timeout the process halts; the next start recovers the logs, as after a crash, and nothing acknowledged is
   * lost on the replicas that stay (log writes are in the operating system's hands either way).
   */
  private void stopWithin(EmbeddedKafkaBroker broker) {
    long t0 = System.nanoTime();
    Thread closer = new Thread(broker::close, "broker-close");
    closer.start();
    try {
      closer.join(Math.max(1, shutdownTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Log4j stops with its own shutdown hook, so these lines go to standard output.
    if (closer.isAlive()) {
      System.out.println("Kafka broker on " + broker.bootstrapServers() + ": no controlled shutdown within "
          + shutdownTimeout.toSeconds() + " s (no controller majority?); stopping without it");
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }
    System.out.println("Kafka broker on " + broker.bootstrapServers() + " stopped in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  /** The broker, or null when it could not start (the reason is on standard error, without a stack trace). */
  private EmbeddedKafkaBroker start(BrokerStart start) {
    try {
      return start.start();
    } catch (IOException e) {
      spec.commandLine().getErr().println("broker: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return null;
    }
  }

  @FunctionalInterface
  private interface BrokerStart {
    EmbeddedKafkaBroker start() throws IOException;
  }
}
