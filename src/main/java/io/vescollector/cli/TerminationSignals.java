package io.vescollector.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call instead of the JVM's default exit (status 143 or 130), so that
 * a graceful stop can end with status 0 as container orchestrators expect.
 */
final class TerminationSignals {
  private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

  private TerminationSignals() {}

  static void install(Runnable onSignal) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> {
          LOG.info("Received SIG{}", signal.getName());
          onSignal.run();
        });
      } catch (IllegalArgumentException e) {
        LOG.warn("Cannot handle SIG{} here ({}); the shutdown hook still stops the collector", name, e.getMessage());
      }
    }
  }
}
