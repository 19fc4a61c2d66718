package io.vescollector.tools.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Free loopback ports below the kernel's ephemeral range. The harness's nodes keep their ports across
 * restarts, and a port from the ephemeral range (what binding port 0 gives) can meanwhile become the local
 * end of any outgoing connection on the machine, such as one broker's to another, so that the restarted node
 * finds it taken.
 */
final class LoopbackPorts {
  private static final int LOWEST = 20_000;
  private static final int DEFAULT_EPHEMERAL_START = 32_768;

  private LoopbackPorts() {}

  static int[] pick(int n) throws IOException {
    int below = ephemeralStart();
    if (below - LOWEST < n * 10) {
      throw new IOException("too few ports between " + LOWEST + " and the ephemeral range at " + below);
    }
    Random random = new Random();
    Set<Integer> picked = new LinkedHashSet<>();
    for (int tries = 0; picked.size() < n && tries < 10_000; tries++) {
      int port = LOWEST + random.nextInt(below - LOWEST);
      if (!picked.contains(port) && free(port)) {
        picked.add(port);
      }
    }
    if (picked.size() < n) {
      throw new IOException("could not find " + n + " free loopback ports below " + below);
    }
    List<Integer> ports = new ArrayList<>(picked);
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int ephemeralStart() {
    try {
      // readAllLines: Files.readString returned only the first byte of this /proc file on one kernel
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Math.min(Integer.parseInt(range.split("\\s+")[0]), 65_535);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
