package io.vescollector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ClusterNodeTest {
  private static final String VOTERS = "1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097";

  @Test
  void votersAreParsedAndThisNodesControllerPortIsItsEntry() {
    ClusterNode node = ClusterNode.parse(2, " 1@127.0.0.1:19093, 2@127.0.0.1:19095,3@127.0.0.1:19097 ", null);
    assertEquals(3, node.voters().size());
    assertEquals(19095, node.controllerPort());
    assertEquals(VOTERS, node.quorumVoters());
  }

  @Test
  void nodesGivenTheSameVotersDeriveTheSameValidClusterIdAndAnotherQuorumAnother() {
    String one = ClusterNode.parse(1, VOTERS, null).clusterId();
    assertEquals(one, ClusterNode.parse(3, VOTERS, "").clusterId());
    assertEquals(22, one.length());
    assertEquals(one, Uuid.fromString(one).toString());
    assertTrue(!one.startsWith("-"), one);
    assertNotEquals(one, ClusterNode.parse(1, "1@127.0.0.1:19093,2@127.0.0.1:19095", null).clusterId());
  }

  @Test
  void aGivenClusterIdIsKeptAndAMalformedOneRefused() {
    String id = Uuid.randomUuid().toString();
    assertEquals(id, ClusterNode.parse(1, VOTERS, id).clusterId());
    assertThrows(IllegalArgumentException.class, () -> ClusterNode.parse(1, VOTERS, "not-a-cluster-id"));
  }

  @Test
  void aQuorumThatCannotWorkIsRefusedWithTheReason() {
    assertMessage("not one of the voters", () -> ClusterNode.parse(4, VOTERS, null));
    assertMessage("127.0.0.1 only", () -> ClusterNode.parse(1, "1@10.0.0.1:19093", null));
    assertMessage("appears twice", () -> ClusterNode.parse(1, "1@127.0.0.1:19093,1@127.0.0.1:19095", null));
    assertMessage("appears twice", () -> ClusterNode.parse(1, "1@127.0.0.1:19093,2@127.0.0.1:19093", null));
    assertMessage("id@host:port", () -> ClusterNode.parse(1, "127.0.0.1:19093", null));
    assertMessage("id@host:port", () -> ClusterNode.parse(1, "one@127.0.0.1:19093", null));
  }

  @Test
  void threeNodesDefaultToThreeReplicasWithTwoInSync() {
    assertEquals(new ReplicationDefaults((short) 3, (short) 2), ReplicationDefaults.forCluster(3));
    assertEquals(new ReplicationDefaults((short) 3, (short) 2), ReplicationDefaults.forCluster(5));
    assertEquals(new ReplicationDefaults((short) 2, (short) 1), ReplicationDefaults.forCluster(2));
    assertEquals(ReplicationDefaults.SINGLE_NODE, ReplicationDefaults.forCluster(1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicationDefaults((short) 2, (short) 3));
    assertThrows(IllegalArgumentException.class, () -> ReplicationDefaults.forCluster(3).checkedFor(2));
  }

  private static void assertMessage(String part, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
