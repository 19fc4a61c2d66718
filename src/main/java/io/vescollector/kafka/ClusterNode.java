package io.vescollector.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * One node's place in a multi-node KRaft cluster whose nodes all run both roles (broker and
 * controller): its id, the static controller quorum ({@code controller.quorum.voters}) and the
 * cluster id every node's data directory is formatted with. Nodes only listen on loopback, so every
 * voter must be on 127.0.0.1.
 *
 * @param nodeId this node's {@code node.id}; one of the voters
 * @param voters every controller of the cluster, this node included
 * @param clusterId the id all nodes share (Kafka's 22-character base64 form)
 */
public record ClusterNode(int nodeId, List<Voter> voters, String clusterId) {
  static final String LOOPBACK = "127.0.0.1";

  /** A controller of the quorum: {@code id@host:port}. */
  public record Voter(int id, String host, int port) {
    @Override
    public String toString() {
      return id + "@" + host + ":" + port;
    }
  }

  public ClusterNode {
    voters = List.copyOf(voters);
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("the quorum needs at least one voter");
    }
    Set<Integer> ids = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (Voter v : voters) {
      if (!ids.add(v.id())) {
        throw new IllegalArgumentException("node id " + v.id() + " appears twice in the voters " + voters);
      }
      if (!ports.add(v.port())) {
        throw new IllegalArgumentException("controller port " + v.port() + " appears twice in the voters " + voters);
      }
      if (!LOOPBACK.equals(v.host())) {
        throw new IllegalArgumentException("voter " + v + ": nodes listen on " + LOOPBACK + " only");
      }
    }
    if (!ids.contains(nodeId)) {
      throw new IllegalArgumentException("node id " + nodeId + " is not one of the voters " + voters);
    }
    Uuid.fromString(clusterId); // throws IllegalArgumentException when it is not a Kafka cluster id
  }

  /**
   * Parses {@code controller.quorum.voters} ({@code 1@127.0.0.1:19093,2@127.0.0.1:19094,...}); without a
   * cluster id, every node given the same voters derives the same one ({@link #derivedClusterId}).
   */
  public static ClusterNode parse(int nodeId, String voters, String clusterId) {
    List<Voter> parsed = new ArrayList<>();
    for (String entry : voters.split(",")) {
      String e = entry.trim();
      int at = e.indexOf('@');
      int colon = e.lastIndexOf(':');
      if (at <= 0 || colon < at + 2 || colon == e.length() - 1) {
        throw new IllegalArgumentException("voter '" + e + "' is not of the form id@host:port");
      }
      try {
        parsed.add(new Voter(Integer.parseInt(e.substring(0, at)), e.substring(at + 1, colon),
            Integer.parseInt(e.substring(colon + 1))));
      } catch (NumberFormatException nfe) {
        throw new IllegalArgumentException("voter '" + e + "' is not of the form id@host:port", nfe);
      }
    }
    String quorum = parsed.stream().map(Voter::toString).collect(Collectors.joining(","));
    return new ClusterNode(nodeId, parsed, clusterId == null || clusterId.isBlank() ? derivedClusterId(quorum)
        : clusterId.trim());
  }

  /** {@code controller.quorum.voters} as Kafka reads it. */
  public String quorumVoters() {
    return voters.stream().map(Voter::toString).collect(Collectors.joining(","));
  }

  /** This node's controller port, from its voter entry. */
  public int controllerPort() {
    return self().port();
  }

  private Voter self() {
    Optional<Voter> me = voters.stream().filter(v -> v.id() == nodeId).findFirst();
    return me.orElseThrow();
  }

  /**
   * A cluster id derived from the quorum alone, so that the nodes of one cluster agree on it without
   * being told, and a data directory formatted for another quorum is recognised as foreign.
   */
  public static String derivedClusterId(String quorumVoters) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] seed = ("ves-collector kraft cluster " + quorumVoters).getBytes(StandardCharsets.UTF_8);
      while (true) {
        byte[] h = sha.digest(seed);
        Uuid id = new Uuid(bits(h, 0), bits(h, 8));
        // Kafka's own random ids avoid a leading '-' (it reads as an option on command lines).
        if (!Uuid.RESERVED.contains(id) && !id.toString().startsWith("-")) {
          return id.toString();
        }
        seed = h;
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static long bits(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
