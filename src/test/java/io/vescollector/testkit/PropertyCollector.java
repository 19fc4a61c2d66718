package io.vescollector.testkit;

import io.vertx.core.Vertx;
import java.util.function.BiFunction;

/**
 * A broker and a collector of their own for a jqwik property, which JUnit extensions do not reach: started
 * on first use (jqwik makes one instance per property) and closed by the property's {@code @AfterProperty}.
 */
public final class PropertyCollector implements AutoCloseable {
  private final BiFunction<Vertx, TestKafka, CollectorHarness> start;
  private StandaloneKafka kafka;
  private Vertx vertx;
  private CollectorHarness collector;

  public PropertyCollector(BiFunction<Vertx, TestKafka, CollectorHarness> start) {
    this.start = start;
  }

  public CollectorHarness collector() {
    if (collector == null) {
      kafka = new StandaloneKafka();
      vertx = Vertx.vertx();
      collector = start.apply(vertx, kafka.kafka());
    }
    return collector;
  }

  /** The broker of {@link #collector()}, which must have been asked for first. */
  public TestKafka kafka() {
    return kafka.kafka();
  }

  @Override
  public void close() {
    if (collector != null) {
      collector.close();
      vertx.close().await();
      kafka.close();
    }
  }
}
