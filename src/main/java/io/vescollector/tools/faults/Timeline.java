package io.vescollector.tools.faults;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * When a scenario's faults began and ended (epoch milliseconds, the clock {@code send}'s outcome log uses),
 * and what happened on the way, in words for the report. A fault's window runs from its injection until the
 * harness has seen it healed (the node back and every replica in sync again, or the process gone).
 */
final class Timeline {
  /** One fault: from {@code startMillis} until {@code endMillis}. */
  record Window(String fault, long startMillis, long endMillis) {
    boolean contains(long millis) {
      return millis >= startMillis && millis <= endMillis;
    }
  }

  private final PrintStream log;
  private final LongSupplier clock;
  private final List<Window> windows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String open;
  private long openedAt;
  private long origin;

  Timeline(PrintStream log) {
    this(log, System::currentTimeMillis);
  }

  /** @param clock epoch milliseconds */
  Timeline(PrintStream log, LongSupplier clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Begins a fault's window now. */
  void faultStarts(String fault) {
    if (open != null) {
      throw new IllegalStateException("a fault is already on: " + open);
    }
    open = fault;
    openedAt = clock.getAsLong();
    if (origin == 0) {
      origin = openedAt;
    }
    note(fault);
  }

  /** Ends the open fault's window now. */
  void faultEnds(String how) {
    if (open == null) {
      throw new IllegalStateException("no fault is on");
    }
    windows.add(new Window(open, openedAt, clock.getAsLong()));
    open = null;
    note(how);
  }

  boolean isOpen() {
    return open != null;
  }

  /** Ends a fault's window left open by a scenario that failed, saying so; no-op when none is open. */
  void abandon(String why) {
    if (open != null) {
      faultEnds("not healed: " + why);
    } else {
      note("failed: " + why);
    }
  }

  /** Something worth reporting, stamped with the time since the first fault. */
  void note(String what) {
    String line = origin == 0 ? what
        : String.format(Locale.ROOT, "+%.1f s: %s", (clock.getAsLong() - origin) / 1000.0, what);
    notes.add(line);
    log.println("faults:   " + line);
  }

  List<Window> windows() {
    return List.copyOf(windows);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  /** When the first fault began; 0 if none did. */
  long firstFaultMillis() {
    return windows.isEmpty() ? 0 : windows.get(0).startMillis();
  }

  boolean duringAFault(long millis) {
    return windows.stream().anyMatch(w -> w.contains(millis));
  }
}
