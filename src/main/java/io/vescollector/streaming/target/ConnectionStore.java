package io.vescollector.streaming.target;

import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.OutgoingRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming connections of the whole collector fleet, kept in a compacted Kafka topic (key =
 * connection id, value = the stored connection, tombstone when it ends) and materialised by every
 * collector into a local map by a consumer thread. Collectors stay stateless behind a load balancer:
 * any of them can answer for, or accept the WebSocket of, a connection created on another.
 *
 * <p>Reads are local. A write answers only after Kafka stored it and this collector's view caught up
 * with it ({@link #sync()}), so a client reads its own writes here; on a miss, callers sync before
 * saying "unknown", which catches writes made through other collectors up to that moment. Updates
 * to one connection are last-writer-wins; a producer is expected to manage its connection serially.
 */
public final class ConnectionStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionStore.class);

  private final Vertx vertx;
  private final EventPublisher publisher;
  private final String topic;
  private final ConnectionJson json;
  private final long syncTimeoutMs;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Admin admin;
  private final boolean createTopic;
  private final short replicationFactor;
  private final Map<String, ConnectionInfo> view = new ConcurrentHashMap<>();
  private final Queue<SyncRequest> syncRequests = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile boolean running = true;

  private ConnectionStore(Vertx vertx, EventPublisher publisher, String topic, ConnectionJson json,
                          long syncTimeoutMs, KafkaConsumer<byte[], byte[]> consumer, Admin admin,
                          boolean createTopic, short replicationFactor) {
    this.admin = admin;
    this.createTopic = createTopic;
    this.replicationFactor = replicationFactor;
    this.vertx = vertx;
    this.publisher = publisher;
    this.topic = topic;
    this.json = json;
    this.syncTimeoutMs = syncTimeoutMs;
    this.consumer = consumer;
    this.reader = new Thread(this::readLoop, "streaming-connections-reader");
    this.reader.setDaemon(true);
  }

  /**
   * Starts the reader thread, which creates the compacted topic if needed and allowed (retrying while Kafka is
   * away, so a collector starts without Kafka and recovers by itself), waits for it to exist, and then
   * follows it.
   * Until the view has caught up, lookups sync and answer 503 when that takes too long.
   */
  public static ConnectionStore start(Vertx vertx, Admin admin, KafkaClientSettings clients, String topic,
                                      boolean createTopic, short replicationFactor, EventPublisher publisher,
                                      ConnectionJson json,
                                      long syncTimeoutMs) {
    Map<String, Object> settings = clients.forConsumer();
    settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-connections-" + topic);
    // It reads by assignment, never in a group: no offsets to commit, no topic it may create.
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    ConnectionStore store = new ConnectionStore(vertx, publisher, topic, json, syncTimeoutMs, consumer, admin,
        createTopic, replicationFactor);
    store.reader.start();
    return store;
  }

  public Optional<ConnectionInfo> get(String id) {
    return Optional.ofNullable(view.get(id));
  }

  public Collection<ConnectionInfo> all() {
    return List.copyOf(view.values());
  }

  /** How many connections this collector's view holds (every collector's, as far as it has read). */
  public int size() {
    return view.size();
  }

  /** The connection, syncing with the topic first if this collector does not know it yet. */
  public Future<Optional<ConnectionInfo>> find(String id) {
    ConnectionInfo known = view.get(id);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return sync().map(v -> get(id));
  }

  /** Stores the connection (created or changed); completes once Kafka stored it and the local view shows it. */
  public Future<Void> put(ConnectionInfo connection) {
    return write(connection.id(), json.stored(connection));
  }

  /** Ends the connection for every collector (a tombstone). */
  public Future<Void> remove(String id) {
    return write(id, null);
  }

  private Future<Void> write(String id, byte[] value) {
    OutgoingRecord record = new OutgoingRecord(topic, id.getBytes(StandardCharsets.UTF_8), value, List.of());
    return publisher.publish(List.of(record)).compose(v -> sync());
  }

  /** Completes once the local view holds everything the topic held when it was called. */
  public Future<Void> sync() {
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    long timer = vertx.setTimer(syncTimeoutMs, t -> promise.tryFail(
        "the streaming connections topic " + topic + " could not be read within " + syncTimeoutMs + " ms"));
    syncRequests.add(new SyncRequest(context, promise, timer));
    consumer.wakeup();
    return promise.future();
  }

  private void readLoop() {
    while (running && createTopic && !createCompactedTopic()) {
      sleep(1_000);
    }
    List<TopicPartition> partitions = partitions();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    List<Waiting> waiting = new ArrayList<>();
    while (running) {
      try {
        takeSyncRequests(partitions, waiting);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(waiting.isEmpty() ? 500 : 20))) {
          apply(r);
        }
        completeCaughtUp(waiting);
      } catch (WakeupException e) {
        // a sync request arrived: loop to take it
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("Reading streaming connections from {} failed: {}", topic, e.toString());
          sleep(200);
        }
      }
    }
    consumer.close(Duration.ofMillis(500));
  }

  private void takeSyncRequests(List<TopicPartition> partitions, List<Waiting> waiting) {
    if (syncRequests.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofMillis(syncTimeoutMs));
    SyncRequest request;
    while ((request = syncRequests.poll()) != null) {
      waiting.add(new Waiting(ends, request));
    }
  }

  private void completeCaughtUp(List<Waiting> waiting) {
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      boolean caughtUp = w.ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
      if (caughtUp || w.request.promise.future().isComplete()) {
        it.remove();
        SyncRequest r = w.request;
        r.context.runOnContext(v -> {
          vertx.cancelTimer(r.timer);
          r.promise.tryComplete();
        });
      }
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String id = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      view.remove(id);
      return;
    }
    try {
      view.put(id, json.fromStored(record.value()));
    } catch (Exception e) {
      LOG.warn("Ignoring unreadable connection {} at {}-{}@{}: {}", id, record.topic(), record.partition(),
          record.offset(), e.toString());
    }
  }

  private List<TopicPartition> partitions() {
    while (running) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
      } catch (RuntimeException e) {
        LOG.debug("Waiting for topic {}: {}", topic, e.toString());
      }
      sleep(100);
    }
    return List.of();
  }

  /** True once the topic exists; false (logged) while Kafka cannot create it, to be retried. */
  private boolean createCompactedTopic() {
    NewTopic newTopic = new NewTopic(topic, Optional.of(1),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty())
        .configs(Map.of("cleanup.policy", "compact"));
    try {
      admin.createTopics(List.of(newTopic)).all().get(5, TimeUnit.SECONDS);
      LOG.info("Created compacted topic {} for streaming connections", topic);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException || existsThoughCreateIsDenied(e.getCause())) {
        return true;
      }
      LOG.warn("Cannot create the streaming connections topic {} yet: {}", topic, e.getCause().toString());
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("Creating the streaming connections topic {} timed out; retrying", topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * A cluster whose ACLs deny Create answers an authorization error even for a topic that exists (the operator
   * created it): then the topic is used as it is.
   */
  private boolean existsThoughCreateIsDenied(Throwable cause) {
    if (!(cause instanceof org.apache.kafka.common.errors.AuthorizationException)) {
      return false;
    }
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS);
      LOG.info("Using the existing streaming connections topic {} (this client may not create topics)", topic);
      return true;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /**
   * Stops the reader, waiting for it at most {@code grace}: with Kafka away its consumer may take
   * longer to close, and it is a daemon thread, so a shutdown need not wait for it.
   */
  public void close(Duration grace) {
    running = false;
    consumer.wakeup();
    try {
      reader.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record SyncRequest(Context context, Promise<Void> promise, long timer) {}

  private record Waiting(Map<TopicPartition, Long> ends, SyncRequest request) {}
}
