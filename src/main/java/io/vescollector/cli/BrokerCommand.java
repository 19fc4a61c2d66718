package io.vescollector.cli;

import io.vescollector.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A standalone single-node Kafka broker for development, the same one {@code serve} embeds. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a single-node Apache Kafka 4.4.0 broker (KRaft) on 127.0.0.1 for development.")
public final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", defaultValue = "./data", description = "Log directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions of auto-created topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dataDir, partitions);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    System.out.println("Kafka broker listening on " + broker.bootstrapServers() + " (data in " + dataDir + "); Ctrl-C stops it");
    stopped.await();
    return 0;
  }
}
