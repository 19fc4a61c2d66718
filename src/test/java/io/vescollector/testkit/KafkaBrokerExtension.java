package io.vescollector.testkit;

import java.util.Locale;

import io.vescollector.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives tests a real Kafka broker: a Testcontainers {@code apache/kafka} container when Docker is available, else the
 * in-process {@link EmbeddedKafkaBroker} (the build machines have no Docker). One broker per test JVM, kept in the
 * root store and shut down when the test plan ends.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyTest {
 *     @Test void sends(TestKafka kafka) { String topic = kafka.uniqueTopic("faults"); ... }
 * }
 * }</pre>
 * {@link TestKafka} can be injected into test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach} methods.
 * System property {@code vescollector.test.kafka} = {@code auto} (default), {@code embedded} or {@code container}
 * forces a choice.
 */
public final class KafkaBrokerExtension implements ParameterResolver, AfterEachCallback {

  static final String KAFKA_IMAGE = "apache/kafka:4.0.0";
  static final String MODE_PROPERTY = "vescollector.test.kafka";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
  private static final String KEY = "broker";

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return broker(extensionContext).kafka;
  }

  /** Safety net for outage tests: a broker a test stopped and did not restart is restarted for the next test. */
  @Override
  public void afterEach(ExtensionContext context) {
    Broker b = context.getRoot().getStore(NAMESPACE).get(KEY, Broker.class);
    if (b != null && !b.kafka.isBrokerRunning()) {
      System.out.println("[KafkaBrokerExtension] " + context.getDisplayName()
          + " left the Kafka broker stopped; restarting it");
      b.kafka.restartBroker();
    }
  }

  /** The JVM's broker, started on first use; {@link CollectorExtension} publishes to it too. */
  static Broker broker(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> Broker.start(), Broker.class);
  }

  /** The JVM's broker; AutoCloseable values of the root store are closed by JUnit at the end of the run. */
  static final class Broker implements AutoCloseable {
    final TestKafka kafka;
    private final AutoCloseable resource;
    private boolean closed;

    private Broker(TestKafka kafka, AutoCloseable resource) {
      this.kafka = kafka;
      this.resource = resource;
    }

    static Broker start() {
      String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
      String reason;
      if (mode.equals("embedded")) {
        reason = "-D" + MODE_PROPERTY + "=embedded";
      } else {
        long t0 = System.nanoTime();
        boolean docker = mode.equals("container") || DockerClientFactory.instance().isDockerAvailable();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (docker) {
          try {
            return startContainer(mode.equals("container") ? "-D" + MODE_PROPERTY + "=container"
                : "Docker is available (checked in " + ms + " ms)");
          } catch (RuntimeException e) {
            if (mode.equals("container")) {
              throw e;
            }
            reason = "Docker is available but the " + KAFKA_IMAGE + " container failed to start: " + e;
          }
        } else {
          reason = "no Docker environment (DockerClientFactory.isDockerAvailable() = false, checked in "
              + ms + " ms)";
        }
      }
      return startEmbedded(reason);
    }

    private static Broker startContainer(String reason) {
      long t0 = System.nanoTime();
      KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
      try {
        container.start();
      } catch (RuntimeException e) {
        container.stop();
        throw e;
      }
      String description = "Testcontainers " + KAFKA_IMAGE + " at " + container.getBootstrapServers();
      announce(description, reason, t0);
      return new Broker(new TestKafka(container.getBootstrapServers(), null, description), container::stop);
    }

    private static Broker startEmbedded(String reason) {
      long t0 = System.nanoTime();
      EmbeddedKafkaBroker broker;
      try {
        broker = EmbeddedKafkaBroker.start(0, null, 1);
      } catch (Exception e) {
        throw new ParameterResolutionException("Could not start the embedded Kafka broker: " + e.getMessage(), e);
      }
      String description = "embedded KRaft broker at " + broker.bootstrapServers();
      announce(description, reason, t0);
      return new Broker(new TestKafka(broker.bootstrapServers(), broker, description), broker);
    }

    private static void announce(String description, String reason, long t0) {
      System.out.printf("[KafkaBrokerExtension] Using %s (started in %d ms): %s%n",
          description, (System.nanoTime() - t0) / 1_000_000, reason);
    }

    @Override
    public synchronized void close() throws Exception {
      if (closed) {
        return;
      }
      closed = true;
      try {
        kafka.closeClients();
      } finally {
        resource.close();
      }
    }
  }
}
