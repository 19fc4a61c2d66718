package io.vescollector.validate.stnddefined;

import java.util.function.Predicate;

/**
 * Which schemas {@code serve} compiles at start-up. Compiling all of a release's 3GPP files takes
 * seconds (about 10 s for Rel-18 on one core), the notifications that stndDefined events carry
 * ({@code Notify*}) a fraction of that; anything else is compiled on first use, from files already
 * in memory.
 */
public enum Preload {
  NONE(name -> false),
  NOTIFICATIONS(name -> name.startsWith("Notify")),
  ALL(name -> true);

  private final Predicate<String> selects;

  Preload(Predicate<String> selects) {
    this.selects = selects;
  }

  public Predicate<String> selects() {
    return selects;
  }
}
