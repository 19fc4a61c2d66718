package io.vescollector.kafka;

/**
 * Replication of the topics a broker creates itself or is asked to create without a factor, and of
 * its internal topics: what decides whether an acknowledged record survives the loss of a broker.
 * Unclean leader election is always off, so a replica that missed acknowledged records never leads.
 *
 * @param replicationFactor {@code default.replication.factor} and the internal topics' factor
 * @param minInsyncReplicas {@code min.insync.replicas}: below it, acks=all writes are refused
 */
public record ReplicationDefaults(short replicationFactor, short minInsyncReplicas) {
  /** One broker: one replica, as the development broker always had. */
  public static final ReplicationDefaults SINGLE_NODE = new ReplicationDefaults((short) 1, (short) 1);

  public ReplicationDefaults {
    if (replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException("need 1 <= min.insync.replicas (" + minInsyncReplicas
          + ") <= replication factor (" + replicationFactor + ")");
    }
  }

  /**
   * For a cluster of {@code nodes}: three replicas and two in sync where there are three nodes, so that
   * an acknowledged record is on two brokers and one broker may be lost without refusing writes;
   * with fewer nodes, one replica must be in sync.
   */
  public static ReplicationDefaults forCluster(int nodes) {
    short rf = (short) Math.max(1, Math.min(3, nodes));
    return new ReplicationDefaults(rf, minInsyncFor(rf));
  }

  /** Two replicas in sync when there are three or more, else one. */
  public static short minInsyncFor(short replicationFactor) {
    return (short) (replicationFactor >= 3 ? 2 : 1);
  }

  /** Checks that a cluster of {@code nodes} can hold this many replicas. */
  public ReplicationDefaults checkedFor(int nodes) {
    if (replicationFactor > nodes) {
      throw new IllegalArgumentException("replication factor " + replicationFactor + " needs at least that many nodes; the quorum has " + nodes);
    }
    return this;
  }
}
