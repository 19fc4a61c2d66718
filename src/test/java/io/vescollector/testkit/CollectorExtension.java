package io.vescollector.testkit;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestInstancePreDestroyCallback;

/**
 * A {@link CollectorHarness} on the shared test broker, on a Vert.x of its own, for each test instance: one for the
 * whole class under {@code @TestInstance(PER_CLASS)}, a fresh one for every test otherwise. It starts before the
 * instance is constructed, so that the test's fields can be initialised from it, and is closed when the instance is
 * done.
 *
 * <pre>{@code
 * class MyTest {
 *   @RegisterExtension
 *   static final CollectorExtension COLLECTOR = CollectorExtension.withDefaults();
 *   private final CollectorHarness collector = COLLECTOR.harness();
 *   private final TestKafka kafka = COLLECTOR.kafka();
 * }
 * }</pre>
 */
public final class CollectorExtension
    implements TestInstancePreConstructCallback, TestInstancePreDestroyCallback, AfterAllCallback {
  private final Function<TestKafka, Map<String, String>> overrides;
  private Running running;

  private CollectorExtension(Function<TestKafka, Map<String, String>> overrides) {
    this.overrides = overrides;
  }

  /** A collector on the default settings, its topics made unique as by {@link CollectorHarness#start}. */
  public static CollectorExtension withDefaults() {
    return with(Map.of());
  }

  /** A collector with these settings over the defaults. */
  public static CollectorExtension with(Map<String, String> overrides) {
    return with(kafka -> overrides);
  }

  /** A collector with settings that depend on the broker, such as a topic from {@link TestKafka#uniqueTopic}. */
  public static CollectorExtension with(Function<TestKafka, Map<String, String>> overrides) {
    return new CollectorExtension(overrides);
  }

  public CollectorHarness harness() {
    return running().harness();
  }

  /** The broker the collector publishes to. */
  public TestKafka kafka() {
    return running().kafka();
  }

  /** The Vert.x the collector runs on; closed with it. */
  public Vertx vertx() {
    return running().vertx();
  }

  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    if (running == null) {
      running = Running.start(KafkaBrokerExtension.broker(context).kafka, overrides);
    }
  }

  @Override
  public void preDestroyTestInstance(ExtensionContext context) {
    stop();
  }

  /** Under PER_CLASS this comes before {@link #preDestroyTestInstance}; either closes the collector. */
  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void stop() {
    if (running != null) {
      Running stopping = running;
      running = null;
      stopping.close();
    }
  }

  private Running running() {
    if (running == null) {
      throw new IllegalStateException("no collector: it runs from the test instance's construction to its end");
    }
    return running;
  }

  private record Running(Vertx vertx, TestKafka kafka, CollectorHarness harness) implements AutoCloseable {
    static Running start(TestKafka kafka, Function<TestKafka, Map<String, String>> overrides) {
      Vertx vertx = Vertx.vertx();
      try {
        return new Running(vertx, kafka, CollectorHarness.start(vertx, kafka, overrides.apply(kafka)));
      } catch (RuntimeException e) {
        vertx.close().await();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        harness.close();
      } finally {
        vertx.close().await();
      }
    }
  }
}
