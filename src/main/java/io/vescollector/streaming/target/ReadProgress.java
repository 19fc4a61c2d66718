package io.vescollector.streaming.target;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the connection store has read each partition of its topic, and the waiters that want it to have read
 * up to given end offsets. Records are counted on the consumer's context while waiters arrive from any event
 * loop, hence the lock; each method returns the waiters that have just caught up, to be answered outside it.
 *
 * @param <T> a waiter; those {@code abandoned} (timed out) are dropped unanswered
 */
final class ReadProgress<T> {
  private final Predicate<T> abandoned;
  /** The next offset to read per partition. */
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final List<Waiting<T>> waiting = new ArrayList<>();

  ReadProgress(Predicate<T> abandoned) {
    this.abandoned = abandoned;
  }

  /** Reading starts at these offsets, the partitions' first: an empty partition is read to its end at once. */
  synchronized List<T> startAt(Map<TopicPartition, Long> offsets) {
    offsets.forEach((partition, offset) -> next.merge(partition, offset, Math::max));
    return caughtUp();
  }

  /** The record at {@code offset} of {@code partition} has been applied. */
  synchronized List<T> read(TopicPartition partition, long offset) {
    next.merge(partition, offset + 1, Math::max);
    return caughtUp();
  }

  /** {@code waiter} wants every partition read up to its end offset in {@code ends}. */
  synchronized List<T> await(T waiter, Map<TopicPartition, Long> ends) {
    waiting.add(new Waiting<>(waiter, Map.copyOf(ends)));
    return caughtUp();
  }

  private List<T> caughtUp() {
    List<T> done = new ArrayList<>();
    for (Iterator<Waiting<T>> it = waiting.iterator(); it.hasNext(); ) {
      Waiting<T> w = it.next();
      if (abandoned.test(w.waiter())) {
        it.remove();
      } else if (w.ends().entrySet().stream().allMatch(e -> next.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
        it.remove();
        done.add(w.waiter());
      }
    }
    return done;
  }

  private record Waiting<T>(T waiter, Map<TopicPartition, Long> ends) {}
}
