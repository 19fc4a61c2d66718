package io.vescollector.kafka;

import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which of the collector's topics can be written to, and creates the missing ones where it may
 * ({@code kafka.topic.create}). Under ACLs that deny Create, a topic that does not exist is not retried
 * for every request: it is remembered as unavailable with the reason, its events fail at once (503
 * SVC1000 naming the topic), readiness lists it, and a periodic check of every mapped topic (describe,
 * or create again where creation is allowed) notices when an operator has fixed it.
 *
 * <p>{@link #prepare} blocks: call it from the publisher's sender thread, never from an event loop.
 * The periodic check uses the admin client's futures and blocks nothing.
 */
public final class TopicProvisioner implements TopicPreparer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  /**
   * Topics other than the mapped ones are those of domains without an entry (ONAP's naming rule); the
   * VES schemas bound the domains, and this bounds what is remembered if validation is ever off.
   */
  private static final int MAX_REMEMBERED = 1_000;

  private final Admin admin;
  private final int partitions;
  private final short replicationFactor;
  private final long timeoutMs;
  private final boolean create;
  private final Set<String> mapped;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final Map<String, String> unavailable = new ConcurrentHashMap<>();
  /**
   * Topics whose last check timed out (Kafka away), with the time before which they are not checked
   * again: otherwise every queued request would wait its own timeout on the sender thread, one after
   * the other, and a shutdown with Kafka away would spend its whole grace period there.
   */
  private final Map<String, Long> quietUntil = new ConcurrentHashMap<>();
  private Vertx vertx;
  private long timerId = -1;

  /**
   * @param create  whether a missing topic is created ({@code kafka.topic.create})
   * @param mapped  the topics the configuration names, checked at start-up and periodically
   */
  public TopicProvisioner(Admin admin, int partitions, short replicationFactor, long timeoutMs, boolean create,
                          Collection<String> mapped) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.timeoutMs = timeoutMs;
    this.create = create;
    this.mapped = Set.copyOf(new LinkedHashSet<>(mapped));
  }

  /** A provisioner that creates topics on first use and has no mapped topics to watch (tools, tests). */
  public TopicProvisioner(Admin admin, int partitions, short replicationFactor, long timeoutMs) {
    this(admin, partitions, replicationFactor, timeoutMs, true, List.of());
  }

  /**
   * Checks the mapped topics now and then every {@code intervalMs}. Without creation, each is described;
   * with it, only those whose creation was refused are tried again, the others are created on first use.
   */
  public TopicProvisioner watch(Vertx vertx, long intervalMs) {
    this.vertx = vertx;
    check();
    timerId = vertx.setPeriodic(intervalMs, id -> check());
    return this;
  }

  /** Makes sure the topic exists (creating it if allowed); if it cannot tell, it returns and lets the send decide. */
  @Override
  public void prepare(String topic) {
    if (ready.contains(topic) || unavailable.containsKey(topic)) {
      return;
    }
    Long quiet = quietUntil.get(topic);
    if (quiet != null && System.nanoTime() - quiet < 0) {
      return; // Kafka did not answer for this topic a moment ago: the send decides
    }
    try {
      if (create) {
        createAndAwait(topic);
      } else {
        describe(topic).get(timeoutMs, TimeUnit.MILLISECONDS);
        available(topic);
      }
    } catch (ExecutionException e) {
      onFailure(topic, e.getCause());
    } catch (TimeoutException e) {
      quietUntil.put(topic, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
      LOG.warn("{} topic {} timed out after {} ms; publishing anyway, and not checking it again for as long", create
          ? "Creating" : "Describing", topic, timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isPrepared(String topic) {
    return ready.contains(topic);
  }

  @Override
  public String unavailable(String topic) {
    return unavailable.get(topic);
  }

  /** Kafka refused a record for the topic (e.g. no Write right): remembered until the next check finds it writable. */
  @Override
  public void refused(String topic, String reason) {
    ready.remove(topic);
    remember(topic, reason);
  }

  /** Topics that cannot be written to, and why, in name order. */
  public Map<String, String> unavailableTopics() {
    return new TreeMap<>(unavailable);
  }

  /** Whether some mapped topic may be written to: false when every one is known to be unavailable. */
  public boolean anyMappedTopicUsable() {
    return mapped.isEmpty() || !unavailable.keySet().containsAll(mapped);
  }

  private void createAndAwait(String topic) throws ExecutionException, TimeoutException, InterruptedException {
    NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty());
    try {
      admin.createTopics(List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        available(topic);
        return;
      }
      if (e.getCause() instanceof AuthorizationException) {
        // Under ACLs that deny Create, Kafka says so even for a topic that exists: look before refusing it.
        describe(topic).get(timeoutMs, TimeUnit.MILLISECONDS);
        available(topic);
        return;
      }
      throw e;
    }
    awaitWritable(topic);
    LOG.info("Created topic {} with {} partitions", topic, partitions);
    available(topic);
  }

  private KafkaFuture<TopicDescription> describe(String topic) {
    return admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
        .topicNameValues().get(topic);
  }

  /** Periodic: describes the mapped topics (and those found unavailable), without blocking. */
  private void check() {
    Set<String> topics = new LinkedHashSet<>(create ? Set.of() : mapped);
    topics.addAll(unavailable.keySet());
    if (topics.isEmpty()) {
      return;
    }
    admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeoutMs)).topicNameValues()
        .forEach((topic, future) -> future.whenComplete((description, error) -> {
          if (error == null) {
            available(topic); // the next record tries it; a refused write is remembered again
          } else if (create && isMissing(error) && unavailable.containsKey(topic)) {
            vertx.executeBlocking(() -> {
              unavailable.remove(topic);
              prepare(topic); // creation refused before: once per check, never per request
              return null;
            }, false);
          } else {
            onFailure(topic, error);
          }
        }));
  }

  private void available(String topic) {
    ready.add(topic);
    quietUntil.remove(topic);
    if (unavailable.remove(topic) != null) {
      LOG.info("Topic {} is available again", topic);
    }
  }

  /** Remembers what says something about the topic; leaves alone what says only that Kafka is away. */
  private void onFailure(String topic, Throwable error) {
    if (error instanceof AuthenticationException || error instanceof RetriableException
        && !(error instanceof UnknownTopicOrPartitionException)) {
      LOG.debug("Cannot check topic {} now: {}", topic, error.toString());
      return;
    }
    ready.remove(topic);
    if (isMissing(error)) {
      remember(topic, "the topic does not exist, and " + (create
          ? "the collector could not create it" : "kafka.topic.create is false: create it in Kafka"));
    } else if (error instanceof AuthorizationException) {
      remember(topic, (create ? "creating or describing" : "describing") + " the topic is not authorised ("
          + error.getMessage() + ")");
    } else {
      remember(topic, "Kafka refused " + (create ? "to create" : "to describe") + " the topic: " + error.getMessage());
    }
  }

  private static boolean isMissing(Throwable error) {
    return error instanceof UnknownTopicOrPartitionException;
  }

  private void remember(String topic, String reason) {
    if (!mapped.contains(topic) && !unavailable.containsKey(topic) && unavailable.size() >= MAX_REMEMBERED) {
      return;
    }
    if (!reason.equals(unavailable.put(topic, reason))) {
      LOG.warn("Topic {} is unavailable: {}; its events get 503 SVC1000", topic, reason);
    }
  }

  /**
   * A new topic's partitions get leaders a moment after creation, and a leader serves a moment after
   * that; records sent earlier only earn NOT_LEADER retries (and, rarely, a batch that stays
   * unacknowledged). Listing each partition's end offset goes to its leader, so once that answers the
   * partitions take writes.
   */
  private void awaitWritable(String topic) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription description = describe(topic).get(timeoutMs, TimeUnit.MILLISECONDS);
        if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
          Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
          description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
          admin.listOffsets(ends).all().get(timeoutMs, TimeUnit.MILLISECONDS);
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("New topic {} not writable yet: {}", topic, e.toString());
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    if (vertx != null && timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }
}
