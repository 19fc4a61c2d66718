package io.vescollector.tools.send;

/** Where request bodies come from: generated events or the user's files. Used from one thread. */
public interface PayloadSource {
  /** The next body, carrying at most {@code maxEvents} events where the source can split; null when exhausted. */
  Payload next(long maxEvents);
}
