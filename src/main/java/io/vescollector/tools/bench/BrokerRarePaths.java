package io.vescollector.tools.bench;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Does, after a warm-up, what Kafka clients do only now and then: opens a connection to the broker,
 * asks for metadata and closes the connection. The broker's JIT compiles its network threads under the
 * warm-up's load without those paths, and the first of them to run afterwards discards compiled code:
 * when the collector's idle admin connection was closed, five minutes in, JFR showed
 * {@code SocketChannelImpl.read} and {@code NetworkReceive.readFrom} deoptimised in the broker while the
 * open loop stalled for 30 ms. A warm-up exists to take such one-off costs out of the measured runs.
 */
final class BrokerRarePaths {
  private BrokerRarePaths() {}

  /** Throws if the broker does not answer within 15 s. */
  static void exercise(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-rare-paths");
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
      admin.listTopics().names().get(15, TimeUnit.SECONDS);
    }
  }
}
