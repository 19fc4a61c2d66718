package io.vescollector.streaming.target;

import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;

import io.vescollector.kafka.KafkaClientSettings;
import io.vescollector.publish.EventPublisher;
import io.vescollector.publish.OutgoingRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming connections of the whole collector fleet, kept in a compacted Kafka topic (key =
 * connection id, value = the stored connection, tombstone when it ends) and materialised by every
 * collector into a local map by a Vert.x Kafka read stream. Collectors stay stateless behind a load balancer:
 * any of them can answer for, or accept the WebSocket of, a connection created on another.
 *
 * <p>Reads are local. A write answers only after Kafka stored it and this collector's view caught up
 * with it ({@link #sync()}), so a client reads its own writes here; on a miss, callers sync before
 * saying "unknown", which catches writes made through other collectors up to that moment. Updates
 * to one connection are last-writer-wins; a producer is expected to manage its connection serially.
 */
public final class ConnectionStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionStore.class);
  private static final long CREATE_RETRY_MS = 1_000;
  private static final long LOOKUP_RETRY_MS = 100;
  private static final long POLL_RETRY_MS = 200;
  private static final int ADMIN_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final EventPublisher publisher;
  private final String topic;
  private final ConnectionJson json;
  private final long syncTimeoutMs;
  private final KafkaReadStream<byte[], byte[]> stream;
  private final Admin admin;
  private final short replicationFactor;
  private final Map<String, ConnectionInfo> view = new ConcurrentHashMap<>();
  private final ReadProgress<SyncRequest> progress = new ReadProgress<>(SyncRequest::abandoned);
  /** Syncs whose end offsets are still to be asked for: those made before the partitions were known wait here. */
  private final Queue<SyncRequest> syncRequests = new ConcurrentLinkedQueue<>();
  /** The topic's partitions, once this collector reads them. */
  private volatile Set<TopicPartition> partitions;
  /** Set under the lock {@link #onStream} takes, so that no step starts the stream's worker thread again after close. */
  private volatile boolean closed;

  private ConnectionStore(Vertx vertx, EventPublisher publisher, String topic, ConnectionJson json,
                          long syncTimeoutMs, KafkaReadStream<byte[], byte[]> stream, Admin admin,
                          short replicationFactor) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.publisher = publisher;
    this.topic = topic;
    this.json = json;
    this.syncTimeoutMs = syncTimeoutMs;
    this.stream = stream;
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /**
   * In the background: waits for the topic to exist and follows it from its first record, and meanwhile creates
   * it, compacted, if allowed; both retry while Kafka is away, so a collector starts without Kafka and recovers
   * by itself. Until the view has caught up, lookups sync and answer 503 when that takes too long.
   */
  public static ConnectionStore start(Vertx vertx, Admin admin, KafkaClientSettings clients, String topic,
                                      boolean createTopic, short replicationFactor, EventPublisher publisher,
                                      ConnectionJson json,
                                      long syncTimeoutMs) {
    Map<String, Object> settings = clients.forConsumer();
    settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-connections-" + topic);
    // It reads by assignment from the first record, never in a group: no offsets to commit, no topic it may create.
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    KafkaReadStream<byte[], byte[]> stream = KafkaReadStream.create(vertx, settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    ConnectionStore store = new ConnectionStore(vertx, publisher, topic, json, syncTimeoutMs, stream, admin,
        replicationFactor);
    store.lookUpTopic();
    if (createTopic) {
      store.createTopic();
    }
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
    Promise<Void> promise = Promise.promise();
    long timer = vertx.setTimer(syncTimeoutMs, t -> promise.tryFail(
        "the streaming connections topic " + topic + " could not be read within " + syncTimeoutMs + " ms"));
    syncRequests.add(new SyncRequest(vertx.getOrCreateContext(), promise, timer));
    takeSyncRequests();
    return promise.future();
  }

  /** Asks for the end offsets of each sync request, once the partitions are known, and waits for the view to reach them. */
  private void takeSyncRequests() {
    Set<TopicPartition> known = partitions;
    SyncRequest request;
    while (known != null && (request = syncRequests.poll()) != null) {
      SyncRequest r = request;
      Map<TopicPartition, OffsetSpec> latest = known.stream().collect(toMap(p -> p, p -> OffsetSpec.latest()));
      kafka(admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs((int) syncTimeoutMs)).all())
          .onSuccess(ends -> answer(progress.await(r, ends.entrySet().stream()
              .collect(toMap(Map.Entry::getKey, e -> e.getValue().offset())))))
          .onFailure(e -> r.fail("the streaming connections topic " + topic + " could not be read: " + e.getMessage()));
    }
  }

  /** Creates the topic, while {@link #lookUpTopic} waits for it. */
  private void createTopic() {
    NewTopic newTopic = new NewTopic(topic, Optional.of(1),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty())
        .configs(Map.of("cleanup.policy", "compact"));
    kafka(admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(ADMIN_TIMEOUT_MS)).all())
        .onSuccess(v -> LOG.info("Created compacted topic {} for streaming connections", topic))
        .recover(e -> e instanceof TopicExistsException ? Future.succeededFuture()
            : e instanceof AuthorizationException ? existingTopic(e) : Future.failedFuture(e))
        .onFailure(e -> retry(CREATE_RETRY_MS, this::createTopic,
            () -> LOG.warn("Cannot create the streaming connections topic {} yet: {}", topic, e.toString())));
  }

  /**
   * A cluster whose ACLs deny Create answers an authorization error even for a topic that exists (the operator
   * created it): then the topic is used as it is.
   */
  private Future<Void> existingTopic(Throwable denied) {
    return kafka(admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(ADMIN_TIMEOUT_MS))
        .allTopicNames())
        .onSuccess(t -> LOG.info("Using the existing streaming connections topic {} (this client may not create "
            + "topics)", topic))
        .transform(ar -> ar.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(denied));
  }

  /** Waits for the topic to exist, then reads it from its first record. */
  private void lookUpTopic() {
    onStream(s -> s.partitionsFor(topic))
        .compose(this::follow)
        .onFailure(e -> retry(LOOKUP_RETRY_MS, this::lookUpTopic,
            () -> LOG.debug("Waiting for topic {}: {}", topic, e.toString())));
  }

  private Future<Void> follow(List<PartitionInfo> infos) {
    if (infos == null || infos.isEmpty()) {
      return Future.failedFuture("the topic does not exist yet");
    }
    Set<TopicPartition> assigned = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(toSet());
    return onStream(s -> s.beginningOffsets(assigned))
        .compose(first -> {
          answer(progress.startAt(first));
          return onStream(s -> s.handler(this::apply).exceptionHandler(this::pollFailed).assign(assigned));
        })
        .onSuccess(v -> {
          partitions = assigned;
          takeSyncRequests();
        });
  }

  /** Runs a step on the stream unless the store is closed: a step after close would start its worker again. */
  private synchronized <T> Future<T> onStream(Function<KafkaReadStream<byte[], byte[]>, Future<T>> step) {
    if (closed) {
      return Future.failedFuture("closed");
    }
    return step.apply(stream);
  }

  /** Tells why and runs {@code step} again after {@code delayMs}, unless the store was closed meanwhile. */
  private void retry(long delayMs, Runnable step, Runnable tell) {
    if (!closed) {
      tell.run();
      vertx.setTimer(delayMs, t -> step.run());
    }
  }

  /** A poll failed (on the stream's thread): told, and the stream rests a moment rather than failing in a loop. */
  private void pollFailed(Throwable e) {
    if (!closed) {
      LOG.warn("Reading streaming connections from {} failed: {}", topic, e.toString());
      stream.pause();
      vertx.setTimer(POLL_RETRY_MS, t -> stream.resume());
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() != null) {
      String id = new String(record.key(), StandardCharsets.UTF_8);
      if (record.value() == null) {
        view.remove(id);
      } else {
        try {
          view.put(id, json.fromStored(record.value()));
        } catch (Exception e) {
          LOG.warn("Ignoring unreadable connection {} at {}-{}@{}: {}", id, record.topic(), record.partition(),
              record.offset(), e.toString());
        }
      }
    }
    answer(progress.read(new TopicPartition(record.topic(), record.partition()), record.offset()));
  }

  private static void answer(List<SyncRequest> caughtUp) {
    caughtUp.forEach(SyncRequest::complete);
  }

  /** A Kafka client's future as a Vert.x one, completed on this store's context with the client's own exception. */
  private <T> Future<T> kafka(KafkaFuture<T> future) {
    return Future.fromCompletionStage(future.toCompletionStage(), context)
        .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /**
   * Stops reading, waiting at most {@code grace} for the consumer to close: with Kafka away it may take
   * longer, and the process need not wait for it.
   */
  public void close(Duration grace) {
    Future<Void> closing;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closing = stream.close();
    }
    try {
      closing.toCompletionStage().toCompletableFuture().get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Closing the streaming connections reader did not finish cleanly: {}", e.toString());
    }
  }

  /** A sync's caller: answered on its own context. */
  private record SyncRequest(Context context, Promise<Void> promise, long timer) {
    boolean abandoned() {
      return promise.future().isComplete();
    }

    void complete() {
      context.runOnContext(v -> {
        context.owner().cancelTimer(timer);
        promise.tryComplete();
      });
    }

    void fail(String why) {
      context.runOnContext(v -> {
        context.owner().cancelTimer(timer);
        promise.tryFail(why);
      });
    }
  }
}
