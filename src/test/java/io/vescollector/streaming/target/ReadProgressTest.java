package io.vescollector.streaming.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A sync is answered exactly when every partition has been read up to the end offsets it was given. */
class ReadProgressTest {
  private static final TopicPartition P0 = new TopicPartition("connections", 0);
  private static final TopicPartition P1 = new TopicPartition("connections", 1);

  private final Set<String> timedOut = new HashSet<>();
  private final ReadProgress<String> progress = new ReadProgress<>(timedOut::contains);

  @Test
  void aSyncWaitsUntilEveryPartitionReachedItsEnd() {
    assertEquals(List.of(), progress.startAt(Map.of(P0, 0L, P1, 0L)));
    assertEquals(List.of(), progress.await("a", Map.of(P0, 2L, P1, 1L)));
    assertEquals(List.of(), progress.read(P0, 0));
    assertEquals(List.of(), progress.read(P0, 1), "P1 is still behind");
    assertEquals(List.of("a"), progress.read(P1, 0));
    assertEquals(List.of(), progress.read(P1, 1), "answered once");
  }

  @Test
  void aSyncOnWhatWasAlreadyReadIsAnsweredAtOnce() {
    progress.startAt(Map.of(P0, 0L));
    progress.read(P0, 4);
    assertEquals(List.of("a"), progress.await("a", Map.of(P0, 5L)));
  }

  @Test
  void aPartitionWhoseRecordsWereAllRemovedIsReadToItsEndFromTheStart() {
    assertEquals(List.of(), progress.await("a", Map.of(P0, 7L)));
    assertEquals(List.of("a"), progress.startAt(Map.of(P0, 7L)), "the first offset is the end: nothing to read");
    assertEquals(List.of("b"), progress.await("b", Map.of(P0, 7L)));
  }

  @Test
  void nothingIsCaughtUpBeforeReadingStartsNotEvenAnEmptyTopic() {
    assertEquals(List.of(), progress.await("a", Map.of(P0, 0L)));
    assertEquals(List.of(), progress.await("b", Map.of(P0, 1L)));
    assertEquals(List.of("a"), progress.startAt(Map.of(P0, 0L)));
    assertEquals(List.of("b"), progress.read(P0, 0));
  }

  @Test
  void aTimedOutSyncIsDroppedUnanswered() {
    progress.startAt(Map.of(P0, 0L));
    progress.await("a", Map.of(P0, 1L));
    progress.await("b", Map.of(P0, 1L));
    timedOut.add("a");
    assertEquals(List.of("b"), progress.read(P0, 0));
  }

  @Test
  void readingAgainFromAnEarlierOffsetDoesNotMoveProgressBack() {
    progress.startAt(Map.of(P0, 0L));
    progress.read(P0, 9);
    progress.read(P0, 3);
    assertEquals(List.of("a"), progress.await("a", Map.of(P0, 10L)));
  }
}
