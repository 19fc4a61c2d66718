package io.vescollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.streaming.bus.SessionCheck;
import io.vescollector.streaming.producer.ProducerPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stream-session}: the MnS consumer's side of the project's message-bus proposal. Asks a producer
 * for a logical streaming session into our Kafka, checks that data arrives, and ends the session.
 */
@Command(name = "stream-session", mixinStandardHelpOptions = true,
    description = "Ask a producer (stream-producer --mode bus) to stream PM data into our Kafka, count what arrives, end the session.")
public final class StreamSessionCommand implements Callable<Integer> {
  @Option(names = "--producer", defaultValue = "http://127.0.0.1:8090",
      description = "The producer's MnS root (http://host:port[/root]) or its .../sessions URL (default: ${DEFAULT-VALUE}).")
  String producer;

  @Option(names = "--bootstrap", description = "Our Kafka (default: --kafka-config's, else " + KafkaConfigOption.DEFAULT_BOOTSTRAP + ").")
  String bootstrap;

  @Mixin
  KafkaConfigOption kafkaConfig;

  @Option(names = "--topic", defaultValue = "3gpp.streaming.performance", description = "Topic to receive on (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--consumer", defaultValue = "SubNetwork=Sim,ManagementFunction=ves-collector", description = "Our DN, sent as consumer.")
  String consumer;

  @Option(names = "--cells", defaultValue = "3", description = "Streams to ask for, one per measured object (default: ${DEFAULT-VALUE}).")
  int cells;

  @Option(names = "--metrics", defaultValue = "10", description = "Metrics per stream (default: ${DEFAULT-VALUE}).")
  int metrics;

  @Option(names = "--duration", defaultValue = "10", description = "Seconds to receive before ending the session (default: ${DEFAULT-VALUE}).")
  long duration;

  @Option(names = "--wait-for-producer", defaultValue = "30",
      description = "Seconds to keep asking while nothing listens at --producer, e.g. one just started in the background (default: ${DEFAULT-VALUE}).")
  long waitForProducer;

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ProducerPlan plan = new ProducerPlan(UUID.randomUUID().toString().substring(0, 8), 1, cells, metrics, 60, 0, duration);
    SessionCheck check = new SessionCheck(producer, kafkaConfig.settings(bootstrap), topic, System.out,
        Duration.ofSeconds(waitForProducer));
    Thread hook = new Thread(check::end, "stream-session-end");
    Runtime.getRuntime().addShutdownHook(hook);
    SessionCheck.Result result;
    try {
      result = check.run(check.request(consumer, plan.streamInfos(mapper, 0)), Duration.ofSeconds(duration), Duration.ofSeconds(1));
    } catch (IOException e) {
      System.err.println("stream-session failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      return 2;
    } finally {
      check.end();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook ends the session
      }
    }
    System.out.printf("Received %d records (%d values) from session %s in %.1f s: %.0f records/s, %.0f values/s%n",
        result.records(), result.values(), result.session(), result.seconds(), result.records() / result.seconds(),
        result.values() / result.seconds());
    if (result.records() == 0) {
      System.err.println("No data arrived on " + topic + " from the session.");
      return 1;
    }
    return 0;
  }
}
