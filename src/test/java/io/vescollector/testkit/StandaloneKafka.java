package io.vescollector.testkit;

import io.vescollector.kafka.EmbeddedKafkaBroker;

/**
 * A broker of its own for tests that run outside JUnit Jupiter (jqwik properties cannot use
 * {@link KafkaBrokerExtension}); costs a couple of seconds to start.
 */
public final class StandaloneKafka implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final TestKafka kafka;

  public StandaloneKafka() {
    try {
      broker = EmbeddedKafkaBroker.start(0, null, 1);
    } catch (Exception e) {
      throw new IllegalStateException("could not start an embedded Kafka broker: " + e.getMessage(), e);
    }
    kafka = new TestKafka(broker.bootstrapServers(), broker, "standalone embedded broker at " + broker.bootstrapServers());
  }

  public TestKafka kafka() {
    return kafka;
  }

  @Override
  public void close() {
    try {
      kafka.closeClients();
    } finally {
      broker.close();
    }
  }
}
