package io.vescollector.kafka;

/**
 * What every Kafka client of the collector (producer, admin, connection-store consumer) sets alike.
 *
 * <p>Metadata is refreshed every minute instead of Kafka's five. Partitions added to a topic are then
 * used within a minute. It also moves a one-off stall: a client's first refresh after the JIT compiled
 * its network thread's hot path, and the broker's first metadata request after compiling its own, runs
 * a branch the compiled code never saw. The JVM then discards that code and interprets it until it is
 * compiled again (JFR showed {@code jdk.Deoptimization} of {@code NetworkClient.doSend} and
 * {@code AbstractResponse.parseResponse} in the collector, {@code AbstractRequest.doParseRequest} in the
 * broker), and requests in flight waited 30-60 ms. With a one-minute refresh that happens once, within
 * the first minute of load, instead of five minutes in.
 */
public final class KafkaClientSettings {
  /** {@code metadata.max.age.ms} of every collector client. */
  public static final int METADATA_MAX_AGE_MS = 60_000;

  private KafkaClientSettings() {}
}
