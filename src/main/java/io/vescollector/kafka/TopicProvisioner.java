package io.vescollector.kafka;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic the first time the collector publishes to it, with the configured partition count,
 * so a fresh cluster needs no preparation and does not depend on broker-side auto-creation.
 * {@link #prepare} blocks: call it from the publisher's sender thread, never from an event loop.
 */
public final class TopicProvisioner implements io.vescollector.publish.TopicPreparer {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final int partitions;
  private final short replicationFactor;
  private final long timeoutMs;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  public TopicProvisioner(Admin admin, int partitions, short replicationFactor, long timeoutMs) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.timeoutMs = timeoutMs;
  }

  /** Makes sure the topic exists; if it cannot tell, it returns and lets the send decide. */
  @Override
  public void prepare(String topic) {
    if (ready.contains(topic)) {
      return;
    }
    NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
        replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty());
    try {
      admin.createTopics(List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      awaitWritable(topic);
      LOG.info("Created topic {} with {} partitions", topic, partitions);
      ready.add(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        ready.add(topic);
      } else {
        LOG.warn("Could not create topic {} ({}); publishing anyway", topic, e.getCause().toString());
      }
    } catch (TimeoutException e) {
      LOG.warn("Creating topic {} timed out after {} ms; publishing anyway", topic, timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isPrepared(String topic) {
    return ready.contains(topic);
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
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
            .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
        if (description != null && description.partitions().stream().allMatch(p -> p.leader() != null)) {
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
}
