package io.vescollector.tools.faults;

import io.vescollector.tools.ChildProcess;
import io.vescollector.tools.Launcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Three {@code ves broker} processes forming one KRaft cluster and two {@code ves serve} collectors publishing
 * to it, all on loopback, with the harness's topics created beforehand at three replicas and
 * {@code min.insync.replicas=2} (unclean election off), so that no topic is created while a fault is on.
 * Every wait is bounded.
 */
final class FaultCluster implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);
  private static final int PARTITIONS = 3;

  private final List<BrokerNode> brokers;
  private final List<CollectorNode> collectors;
  private final List<String> topics;
  private final String compactedTopic;
  private final PrintStream log;
  private Admin admin;

  private FaultCluster(List<BrokerNode> brokers, List<CollectorNode> collectors, List<String> topics,
                       String compactedTopic, PrintStream log) {
    this.brokers = brokers;
    this.collectors = collectors;
    this.topics = List.copyOf(topics);
    this.compactedTopic = compactedTopic;
    this.log = log;
  }

  /**
   * Starts the brokers, creates {@code topics}, then starts the collectors; returns once all are ready.
   *
   * @param dir this cluster's directory: data, logs, the collectors' configuration
   * @param compactedTopic the one of {@code topics} that holds the streaming connections (one partition, compacted)
   */
  static FaultCluster start(Path dir, List<String> topics, String compactedTopic, Launcher launcher,
                            ChildProcesses children, PrintStream log)
      throws IOException, ChildProcess.StartFailure {
    int[] ports = LoopbackPorts.pick(8);
    List<String> voterList = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      voterList.add(n + "@127.0.0.1:" + ports[2 * n - 1]);
    }
    String voters = String.join(",", voterList);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    List<BrokerNode> brokers = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      brokers.add(new BrokerNode(n, ports[2 * n - 2], ports[2 * n - 1], voters, dir.resolve("broker-" + n), logs,
          launcher, children));
    }
    String bootstrap = brokers.stream().map(BrokerNode::bootstrap).collect(Collectors.joining(","));
    List<CollectorNode> collectors = new ArrayList<>();
    for (String name : List.of("collector-a", "collector-b")) {
      Path config = dir.resolve(name + ".yaml");
      Files.writeString(config, """
          # written by the fault harness: topics at three replicas, the rest the bundled defaults
          collector:
            id: %s
          kafka:
            topic:
              replicationFactor: 3
          """.formatted(name));
      collectors.add(new CollectorNode(name, ports[6 + collectors.size()], config, bootstrap, logs, launcher, children));
    }
    FaultCluster cluster = new FaultCluster(brokers, collectors, topics, compactedTopic, log);
    try {
      cluster.startAll();
      return cluster;
    } catch (IOException | ChildProcess.StartFailure | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll() throws IOException, ChildProcess.StartFailure {
    long t0 = System.nanoTime();
    for (BrokerNode b : brokers) {
      b.start(); // side by side: a node serves once a majority of the voters runs
    }
    for (BrokerNode b : brokers) {
      b.awaitServing(START_TIMEOUT);
    }
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
        AdminClientConfig.CLIENT_ID_CONFIG, "fault-harness", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    createTopics();
    awaitFullIsr(START_TIMEOUT);
    log.printf("faults: three brokers serving, %d topics at three replicas in %.1f s%n", topics.size(), seconds(t0));
    for (CollectorNode c : collectors) {
      c.start();
    }
    for (CollectorNode c : collectors) {
      c.awaitReady(START_TIMEOUT);
    }
    log.printf("faults: cluster and both collectors ready in %.1f s%n", seconds(t0));
  }

  private void createTopics() throws IOException {
    Map<String, String> configs = Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "false");
    List<NewTopic> wanted = topics.stream().map(t -> t.equals(compactedTopic)
        ? new NewTopic(t, Optional.of(1), Optional.of((short) 3)).configs(withCompaction(configs))
        : new NewTopic(t, Optional.of(PARTITIONS), Optional.of((short) 3)).configs(configs)).toList();
    try {
      admin.createTopics(wanted).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not create the topics " + topics + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The streaming connections topic is compacted, as the collector would create it. */
  private static Map<String, String> withCompaction(Map<String, String> configs) {
    Map<String, String> c = new HashMap<>(configs);
    c.put("cleanup.policy", "compact");
    return c;
  }

  String bootstrap() {
    return brokers.stream().map(BrokerNode::bootstrap).collect(Collectors.joining(","));
  }

  List<BrokerNode> brokers() {
    return brokers;
  }

  BrokerNode broker(int nodeId) {
    return brokers.stream().filter(b -> b.nodeId() == nodeId).findFirst().orElseThrow();
  }

  List<CollectorNode> collectors() {
    return collectors;
  }

  List<String> topics() {
    return topics;
  }

  /** The partitions of the harness's topics as the cluster describes them now. */
  Map<TopicPartition, TopicPartitionInfo> partitions() throws IOException {
    Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
    Map<TopicPartition, TopicPartitionInfo> out = new HashMap<>();
    described.forEach((topic, d) -> d.partitions().forEach(p -> out.put(new TopicPartition(topic, p.partition()), p)));
    return out;
  }

  /**
   * The partition that holds most records of {@code among} (the load's topics) and its leader: the broker whose
   * loss hurts the load most.
   */
  BusiestPartition busiestPartition(Collection<String> among) throws IOException {
    Map<TopicPartition, TopicPartitionInfo> partitions = partitions();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.keySet().stream().filter(tp -> among.contains(tp.topic())).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    get(admin.listOffsets(latest).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
    TopicPartition busiest = ends.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    TopicPartitionInfo info = partitions.get(busiest);
    if (info.leader() == null) {
      throw new IOException(busiest + " has no leader");
    }
    return new BusiestPartition(busiest, ends.get(busiest), info.leader().id());
  }

  /** The busiest partition of the load, how many records it held, and the node that leads it. */
  record BusiestPartition(TopicPartition partition, long records, int leader) {}

  /**
   * Until every partition of the harness's topics has a leader and all three replicas in sync: the cluster has
   * recovered from a fault. Returns how long it took.
   */
  Duration awaitFullIsr(Duration timeout) throws IOException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    String last = "not described yet";
    while (System.nanoTime() < deadline) {
      try {
        List<String> lagging = partitions().entrySet().stream()
            .filter(e -> e.getValue().leader() == null || e.getValue().isr().size() < e.getValue().replicas().size())
            .map(e -> e.getKey() + " isr " + e.getValue().isr().stream().map(n -> n.id()).toList())
            .sorted().toList();
        if (lagging.isEmpty()) {
          return Duration.ofNanos(System.nanoTime() - t0);
        }
        last = lagging.size() + " partitions not fully in sync, e.g. " + lagging.get(0);
      } catch (IOException e) {
        last = e.getMessage();
      }
      pause(250);
    }
    throw new IOException("the cluster did not recover within " + timeout.toSeconds() + " s: " + last);
  }

  /** Waits until every replica is in sync again, then ends the fault on the timeline: "... (2.1 s after {@code since})". */
  void endFaultWhenInSync(Timeline timeline, String since) throws IOException {
    Duration sync = awaitFullIsr(RECOVERY_TIMEOUT);
    timeline.faultEnds(String.format(Locale.ROOT, "every replica in sync again (%.1f s after %s)", sync.toMillis() / 1000.0,
        since));
  }

  /** The node that leads the most partitions, to pick a second broker to lose. */
  int nodeLeadingMost(int except) throws IOException {
    Map<Integer, Long> led = partitions().values().stream().filter(p -> p.leader() != null)
        .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
    return brokers.stream().map(BrokerNode::nodeId).filter(id -> id != except)
        .max(Comparator.comparingLong(id -> led.getOrDefault(id, 0L))).orElseThrow();
  }

  /**
   * Collectors gracefully (they may still be answering), then brokers with SIGKILL, and their data is deleted
   * (the logs stay): the run has read back what it needed, and the last node of a cluster would wait minutes
   * for a controlled shutdown that no controller majority can grant.
   */
  @Override
  public void close() {
    for (CollectorNode c : collectors) {
      if (c.running()) {
        c.terminate(Duration.ofSeconds(30));
      }
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
    for (BrokerNode b : brokers) {
      if (b.running()) {
        b.kill();
      }
      try {
        b.deleteData();
      } catch (IOException | RuntimeException e) {
        log.println("faults: could not delete the data of " + b + ": " + e);
      }
    }
  }

  private static <T> T get(KafkaFuture<T> future) throws IOException {
    try {
      return future.get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("no answer from the cluster within 15 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
