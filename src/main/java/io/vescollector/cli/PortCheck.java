package io.vescollector.cli;

import io.vescollector.config.CollectorConfig;
import io.vescollector.config.ConfigKey;
import io.vescollector.config.ConfigKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a port of {@code serve} that another process holds, before anything is started: otherwise the
 * embedded broker would start and create topics, and the HTTP bind would then fail with a Netty trace.
 * The message names the port and every way of setting it.
 */
final class PortCheck {
  private record Port(String host, int port, ConfigKey key, String option) {
  }

  private final List<Port> ports = new ArrayList<>();

  PortCheck(CollectorConfig config) {
    CollectorConfig.Server server = config.server();
    add(server.host(), server.port(), ConfigKeys.SERVER_PORT, "serve --port");
    if (server.separateManagementPort()) {
      add(server.host(), server.managementPort(), ConfigKeys.SERVER_MANAGEMENT_PORT, null);
    }
    if (config.hvVes().enabled()) {
      add(server.host(), config.hvVes().port(), ConfigKeys.HV_VES_PORT, null);
    }
    if (config.kafka().embedded()) {
      add("127.0.0.1", config.kafka().embeddedPort(), ConfigKeys.KAFKA_EMBEDDED_PORT, "serve --embedded-kafka-port");
    }
  }

  private void add(String host, int port, ConfigKey key, String option) {
    if (port > 0) { // 0: any free port
      ports.add(new Port(host, port, key, option));
    }
  }

  /** What is wrong with the first port that cannot be bound, or null when all can. */
  String firstTaken() {
    for (Port p : ports) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true); // as Netty's listeners do: a port in TIME_WAIT is free for them
        socket.bind(new InetSocketAddress(p.host(), p.port()));
      } catch (IOException e) {
        return "port " + p.port() + " on " + p.host() + " is not available (" + e.getMessage() + "); it is "
            + p.key().name() + ": set another with " + (p.option() == null ? "" : p.option() + ", ")
            + p.key().environmentVariable() + " or " + p.key().name() + " in the configuration file";
      }
    }
    return null;
  }
}
