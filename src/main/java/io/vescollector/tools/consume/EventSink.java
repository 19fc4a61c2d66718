package io.vescollector.tools.consume;

/** Where consumed events go: printed one by one, or counted for a summary. Called from one thread. */
public interface EventSink {
  void accept(ConsumedEvent event);

  /** Called about once a second while waiting, for live displays. */
  default void tick() {}

  /** Called once at the end (including after Ctrl-C). */
  default void finish() {}
}
