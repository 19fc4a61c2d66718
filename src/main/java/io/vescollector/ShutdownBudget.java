package io.vescollector;

/**
 * How a shutdown spends {@code server.shutdownGraceMs}: the listener drains the requests in flight,
 * then the producer sends what it holds, then the Kafka clients close, each within a slice of its own,
 * so that the whole keeps to the grace period even when Kafka does not answer.
 */
record ShutdownBudget(long graceMs) {
  /** Closing the admin client and the streaming connections reader. */
  long clientsMs() {
    return Math.min(graceMs / 10, 500);
  }

  /** The producer's last sends and their acknowledgements. */
  long flushMs() {
    return Math.min(graceMs / 5, 2_000);
  }

  /** Requests in flight finishing; what is left of the grace period. */
  long drainMs() {
    return graceMs - flushMs() - clientsMs();
  }
}
