package io.vescollector.publish;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where validated events go. The returned future succeeds only once Kafka has acknowledged every
 * record of the call (acks=all), which is what lets the collector's 202 mean "stored"; it fails with
 * a {@link PublishException} otherwise. Implementations never block the calling event loop.
 */
public interface EventPublisher extends AutoCloseable {

  Future<Void> publish(List<OutgoingRecord> records);

  /** Events and bytes sent and not yet acknowledged, for metrics and readiness. */
  InFlight inFlight();

  /** Stops taking work, waits up to the grace period for what is in flight, then closes the producer. */
  @Override
  void close();
}
