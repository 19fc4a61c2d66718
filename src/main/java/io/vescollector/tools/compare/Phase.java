package io.vescollector.tools.compare;

/** FIXED: the same offered value rate on every path (comparable latency); MAX: each path as fast as it goes. */
public enum Phase {
  FIXED, MAX;

  public String label() {
    return this == FIXED ? "fixed rate" : "max";
  }
}
