package io.vescollector.tools.compare;

/** The producers of one path for one phase: set up, send at the pacing, release. */
public interface PathSender extends AutoCloseable {

  /** Connection set-up (WebSocket connections, HTTP pools); not part of the measurement. */
  default void open() throws Exception {
  }

  /** Sends for the pacing's duration; returns when every producer stopped and its messages were answered or written. */
  void run(Pacing pacing) throws Exception;

  /** CPU time the producers spent on this path, when this process can tell it apart; else -1. */
  default long producerCpuNanos() {
    return -1;
  }

  @Override
  void close();
}
